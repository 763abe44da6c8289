// Each test class starts its own app (and the browser classes a Chromium) on two cores; run the
// classes one after another so a slow neighbour never turns into a flaky timeout.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
