using BenchmarkDotNet.Running;

// BenchmarkDotNet's switcher: pick benchmarks with --filter, e.g. --filter '*Placement*'.
BenchmarkSwitcher.FromAssembly(typeof(Fleet.Benchmarks.PlacementBenchmarks).Assembly).Run(args);
