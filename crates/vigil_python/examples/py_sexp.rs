//! Print the syntax tree of a Python file (a rule-writing aid): `cargo run -p vigil_python --example py_sexp FILE`.
fn main() {
    let Some(path) = std::env::args().nth(1) else {
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    if let Some(tree) = vigil_python::parse(&text) {
        #[expect(clippy::print_stdout, reason = "a developer tool printing a tree")]
        {
            println!("{}", tree.root_node().to_sexp());
        }
    }
}
