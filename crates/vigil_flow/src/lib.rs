//! vigil_flow
