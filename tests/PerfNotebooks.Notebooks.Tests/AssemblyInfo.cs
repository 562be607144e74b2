// Each notebook starts real servers and a real kernel on a 2-core machine: one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
