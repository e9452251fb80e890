"""Thin resolvers: take the viewer and arguments, call the domain, map domain errors."""
