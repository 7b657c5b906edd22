//! vigil_review
