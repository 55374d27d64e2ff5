use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use copydesk::analysis::Severity;
use copydesk::cli::{self, Checked, UsageError};

/// A copy editor for news drafts: unattributed claims, who is who, citations.
#[derive(Parser)]
#[command(name = "copydesk", version, about)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Report findings in stories (.md, .markdown, .txt): exit 0 when no finding is at or above
    /// `fail_on`, 1 when one is, 2 on usage errors or when a file could not be read (the other
    /// files are still checked and reported).
    Check {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Fail (exit 1) on findings at or above this level, over copydesk.toml's `fail_on`
        /// (default "warning"); "never" always exits 0 when every file was read.
        #[arg(long, value_name = "LEVEL")]
        fail_on: Option<FailOn>,
        /// The name standard input's story goes by (`-` in the paths): its kind (.md or .txt)
        /// and the copydesk.toml that applies to it.
        #[arg(long, value_name = "NAME", default_value = "stdin.txt")]
        stdin_filename: PathBuf,
        /// Files and folders; `-` reads a story from standard input.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Serve the Language Server Protocol on stdin/stdout (for editors).
    Lsp {
        /// Accepted for clients that pass it (VS Code); stdio is the only transport.
        #[arg(long)]
        stdio: bool,
    },
    /// Print the claim ledger: one JSON object per file, one per line, in input order.
    Analyze {
        #[arg(long, value_enum, default_value_t = LedgerFormat::Json)]
        format: LedgerFormat,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum CheckFormat {
    Text,
    Json,
    Sarif,
}

#[derive(Clone, Copy, ValueEnum)]
enum LedgerFormat {
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
    Never,
}

/// The stories that could be read and analysed, and how many could not: each problem is
/// reported on stderr as it is met, and the run goes on.
fn gather(paths: &[PathBuf], stdin_name: PathBuf) -> Result<(Vec<Checked>, usize), UsageError> {
    let mut checker = cli::Checker::new(paths);
    checker.stdin_name = stdin_name;
    let (files, empty) = cli::expand(paths)?;
    for w in empty {
        eprintln!("copydesk: warning: {w}");
    }
    let mut all = Vec::with_capacity(files.len());
    let mut failed = 0;
    for p in &files {
        match checker.check_file(p) {
            Ok(c) => all.push(c),
            Err(e) => {
                eprintln!("copydesk: error: {e}");
                failed += 1;
            }
        }
        warn(&checker);
    }
    Ok((all, failed))
}

/// Problems in library and people files go to stderr; the run goes on.
fn warn(checker: &cli::Checker) {
    for w in checker.take_warnings() {
        eprintln!("copydesk: warning: {w}");
    }
}

fn run(args: Args) -> Result<ExitCode, UsageError> {
    let mut stdout = std::io::stdout().lock();
    let io = |e: std::io::Error| UsageError(format!("cannot write output: {e}"));
    match args.command {
        Command::Lsp { stdio: _ } => unreachable!("handled in main"),
        Command::Check {
            format,
            fail_on,
            stdin_filename,
            paths,
        } => {
            let (all, unread) = gather(&paths, stdin_filename)?;
            match format {
                CheckFormat::Text => {
                    let mut out = String::new();
                    for c in &all {
                        cli::check::text(c, &mut out);
                    }
                    stdout.write_all(out.as_bytes()).map_err(io)?;
                    let n: usize = all.iter().map(|c| c.analysis.findings.len()).sum();
                    let s = |k: usize| if k == 1 { "" } else { "s" };
                    eprint!("{n} finding{} in {} file{}", s(n), all.len(), s(all.len()));
                    if unread > 0 {
                        eprint!("; {unread} file{} could not be checked", s(unread));
                    }
                    eprintln!();
                }
                CheckFormat::Json => writeln!(stdout, "{}", cli::check::json(&all)).map_err(io)?,
                CheckFormat::Sarif => {
                    writeln!(stdout, "{:#}", cli::check::sarif(&all)).map_err(io)?
                }
            }
            let level = |c: &Checked| match fail_on {
                None => Some(c.config.fail_on),
                Some(FailOn::Never) => None,
                Some(FailOn::Error) => Some(Severity::Error),
                Some(FailOn::Warning) => Some(Severity::Warning),
                Some(FailOn::Info) => Some(Severity::Info),
                Some(FailOn::Hint) => Some(Severity::Hint),
            };
            let failing = all.iter().any(|c| {
                level(c).is_some_and(|l| c.analysis.findings.iter().any(|f| f.severity <= l))
            });
            Ok(if unread > 0 {
                ExitCode::from(2)
            } else if failing {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Analyze {
            format: LedgerFormat::Json,
            paths,
        } => {
            let checker = cli::Checker::new(&paths);
            let (files, empty) = cli::expand(&paths)?;
            for w in empty {
                eprintln!("copydesk: warning: {w}");
            }
            for p in files {
                let c = checker.check_file(&p);
                warn(&checker);
                writeln!(stdout, "{}", cli::analyze::ledger(&c?)).map_err(io)?;
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn main() -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    if let Command::Lsp { .. } = args.command {
        return copydesk::server::run();
    }
    match run(args) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("copydesk: {e}");
            ExitCode::from(2)
        }
    }
}
