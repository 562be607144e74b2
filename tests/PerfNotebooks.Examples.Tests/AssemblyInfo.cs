// Each example starts real servers on a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
