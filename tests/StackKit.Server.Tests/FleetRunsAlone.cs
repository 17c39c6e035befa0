namespace StackKit.Server.Tests;

/// <summary>
/// The fleet tests' collection runs by itself, after every other class: beside the hundreds of concurrent requests and
/// the kill-under-load tests, moto_server on 2 cores answers the fleet's table calls later than their 5 s timeout, and
/// the servers then rightly answer 503 while the test measures the machine's load instead of the fleet.
/// </summary>
[CollectionDefinition(FleetTests.Alone, DisableParallelization = true)]
public sealed class FleetRunsAlone;
