// Each test starts real servers on a 2-core machine: one at a time keeps timings and /proc checks honest.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
