"""Matching's URLs, one module per mount point: `coordinator` (namespace "matching_coord",
under /p/<program_slug>/matching/) and `member` (namespace "matching", under /p/<program_slug>/)."""
