//! Stoplight Prism, started on a free loopback port for one test and stopped when it ends.

use std::io::{BufRead, BufReader};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::{root, spec_sources};

/// A running Prism; killed on drop, so no process outlives its test.
pub struct Prism {
    child: Child,
    /// `http://127.0.0.1:<port>`.
    pub url: String,
    log: Arc<Mutex<Vec<String>>>,
    bundle: PathBuf,
}

/// Where `cargo xtask test` installs Prism (`npm ci` in `tests/prism`).
pub fn binary() -> PathBuf {
    root().join("tests/prism/node_modules/.bin/prism")
}

impl Prism {
    /// Serves the bundled `spec/` (what the generator reads); `dynamic` makes it invent responses.
    pub fn start(dynamic: bool) -> Prism {
        let binary = binary();
        assert!(
            binary.exists(),
            "Prism is not installed at {}. Run the suite with `cargo xtask test`, which installs it from \
             tests/prism/package-lock.json; that needs Node.js 20 and npm on the PATH.",
            binary.display()
        );
        static STARTED: AtomicUsize = AtomicUsize::new(0);
        let instance = STARTED.fetch_add(1, Ordering::SeqCst);
        let bundle = std::env::temp_dir().join(format!("stripe-client-e2e-{}-{instance}.json", std::process::id()));
        let text = codegen::load::bundle(&spec_sources(), codegen::load::Format::Json)
            .unwrap_or_else(|e| panic!("spec/ does not bundle: {e}"));
        std::fs::write(&bundle, text).expect("write the bundle");

        let port =
            TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port");
        let mut command = Command::new(&binary);
        command.arg("mock").arg(&bundle).args(["-h", "127.0.0.1", "-p", &port.to_string()]);
        if dynamic {
            command.arg("-d");
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
        let log = Arc::new(Mutex::new(Vec::new()));
        for stream in [
            child.stdout.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
            child.stderr.take().map(|s| Box::new(s) as Box<dyn std::io::Read + Send>),
        ]
        .into_iter()
        .flatten()
        {
            let log = Arc::clone(&log);
            std::thread::spawn(move || {
                for line in BufReader::new(stream).lines().map_while(Result::ok) {
                    log.lock().expect("log lock").push(line);
                }
            });
        }
        let mut prism = Prism { child, url: format!("http://127.0.0.1:{port}"), log, bundle };
        prism.wait_until_listening(port);
        prism
    }

    fn wait_until_listening(&mut self, port: u16) {
        let deadline = Instant::now() + Duration::from_secs(90);
        let address = SocketAddr::from(([127, 0, 0, 1], port));
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("Prism exited ({status}) before listening:\n{}", self.log_lines(0).join("\n"));
            }
            let listening = self.log_lines(0).iter().any(|l| l.contains("Prism is listening"));
            if listening && TcpStream::connect_timeout(&address, Duration::from_millis(200)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("Prism did not start within 90 s:\n{}", self.log_lines(0).join("\n"));
    }

    /// How many log lines there are so far: a mark for [`Prism::violations_since`].
    pub fn mark(&self) -> usize {
        self.log.lock().expect("log lock").len()
    }

    fn log_lines(&self, from: usize) -> Vec<String> {
        self.log.lock().expect("log lock").iter().skip(from).cloned().collect()
    }

    /// Prism's reasons for rejecting requests since `mark`.
    pub fn violations_since(&self, mark: usize) -> Vec<String> {
        // Prism logs asynchronously; give the lines of the last request a moment to arrive.
        std::thread::sleep(Duration::from_millis(50));
        self.log_lines(mark)
            .into_iter()
            .filter(|l| l.contains("Violation:"))
            .map(|l| l.split("Violation:").nth(1).unwrap_or_default().trim().to_owned())
            .collect()
    }
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_file(&self.bundle);
    }
}
