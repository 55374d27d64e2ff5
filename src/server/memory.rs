//! Giving freed memory back to the system once the server is idle.
//!
//! Every analysis allocates its working data (tokens, per-token tables) and frees it when done,
//! between the allocations of the results that stay (one per open document). glibc's allocator
//! keeps the freed pages mapped; with fifty open stories those holes came to a fifth of the
//! server's resident memory. `malloc_trim` returns them. It walks the heap (about 0.1–0.2 ms
//! with fifty stories open), so it runs off the typing path: once the server has been idle for
//! [`IDLE`] after an analysis.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// How long the server must have been quiet before it trims.
pub const IDLE: Duration = Duration::from_millis(300);

/// Counts analyses, so a trim scheduled after one is skipped if another came since.
#[derive(Default)]
pub struct Trimmer {
    analyses: AtomicU64,
}

impl Trimmer {
    /// Call after each analysis: trims once no other analysis has followed for [`IDLE`].
    pub fn after_analysis(self: &Arc<Self>) {
        let n = self.analyses.fetch_add(1, Ordering::Relaxed) + 1;
        let me = self.clone();
        tokio::spawn(async move {
            tokio::time::sleep(IDLE).await;
            if me.analyses.load(Ordering::Relaxed) == n {
                let _ = tokio::task::spawn_blocking(release_free_memory).await;
            }
        });
    }
}

/// Returns the allocator's free pages to the system (glibc); elsewhere nothing to do.
pub fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: glibc's malloc_trim takes the allocator's own locks and may be called from
        // any thread at any time; it only releases pages that hold no allocation.
        unsafe {
            malloc_trim(0);
        }
    }
}
