//! vigil_query
