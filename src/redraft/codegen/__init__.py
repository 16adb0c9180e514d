"""Code generation: patterns rendered from tokens + requirements into TSX and stories."""
