//! What a user's build pays for: the client needs only a timer from tokio, so it must not turn on
//! a multi-threaded runtime, macros or anything else its user may not want.

use std::process::Command;

use workspace_tests::root;

#[test]
fn the_client_asks_tokio_for_no_runtime_and_no_macros() {
    let output = Command::new(env!("CARGO"))
        .current_dir(root())
        .args(["tree", "--quiet", "-p", "stripe-client", "-e", "normal", "--prefix", "none", "-f", "{p} [{f}]"])
        .output()
        .expect("cargo tree runs");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    let tokio = tree.lines().find(|line| line.starts_with("tokio ")).expect("tokio is a dependency");
    for feature in ["rt-multi-thread", "macros", "fs", "process", "signal"] {
        assert!(!tokio.contains(feature), "the client turns on tokio's `{feature}`: {tokio}");
    }
}
