"""Test support shared by the tests, the benchmarks and the screenshot script: fakes and generators.
Nothing in the kicktimer package imports it."""
