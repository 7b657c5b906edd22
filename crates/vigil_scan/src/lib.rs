//! vigil_scan
