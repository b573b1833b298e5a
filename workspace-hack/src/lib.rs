//! Nothing but its dependencies: the features every build of the core, the tool and the app
//! turns on in the crates they share (`cargo hakari generate` writes them), so that each of
//! those crates is built once whichever of them is built.
