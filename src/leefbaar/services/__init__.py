"""Use cases shared by the CLI, the API and the web pages: where storage meets the pure logic."""
