"""Wires schema, resolvers and domain into a running program: app, settings, auth, CLI."""
