"""What the gateway and the workers agree on: settings, public schemas, the job store, task names."""
