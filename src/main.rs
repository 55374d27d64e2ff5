use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

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
    /// Report findings in stories (.md, .markdown, .txt): exit 0 when clean, 1 with findings at
    /// or above `fail_on` (copydesk.toml; default "warning"), 2 on usage or I/O errors.
    Check {
        #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
        format: CheckFormat,
        /// Files and folders.
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

fn gather(paths: &[PathBuf]) -> Result<Vec<Checked>, UsageError> {
    let checker = cli::Checker::new(paths);
    let all = cli::expand(paths)?
        .iter()
        .map(|p| checker.check_file(p))
        .collect();
    warn(&checker);
    all
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
        Command::Check { format, paths } => {
            let all = gather(&paths)?;
            match format {
                CheckFormat::Text => {
                    let mut out = String::new();
                    for c in &all {
                        cli::check::text(c, &mut out);
                    }
                    stdout.write_all(out.as_bytes()).map_err(io)?;
                    let n: usize = all.iter().map(|c| c.analysis.findings.len()).sum();
                    eprintln!(
                        "{n} finding{} in {} file{}",
                        if n == 1 { "" } else { "s" },
                        all.len(),
                        if all.len() == 1 { "" } else { "s" }
                    );
                }
                CheckFormat::Json => writeln!(stdout, "{}", cli::check::json(&all)).map_err(io)?,
                CheckFormat::Sarif => {
                    writeln!(stdout, "{:#}", cli::check::sarif(&all)).map_err(io)?
                }
            }
            let failing = all.iter().any(|c| {
                c.analysis
                    .findings
                    .iter()
                    .any(|f| f.severity <= c.config.fail_on)
            });
            Ok(if failing {
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
            for p in cli::expand(&paths)? {
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
