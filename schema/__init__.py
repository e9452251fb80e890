"""The GraphQL schema: strawberry types, inputs and enums, and conversions from the domain."""
