"""The business of inserting credits into CTE P/C records; knows nothing of GraphQL or HTTP."""
