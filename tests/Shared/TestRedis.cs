namespace RecyclePlatform.Tests;

/// <summary>The throwaway Redis server that scripts/test.sh starts (RECYCLE_TEST_REDIS), shared by every test.</summary>
public static class TestRedis
{
    public const string Variable = "RECYCLE_TEST_REDIS";

    public static string Connection =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } connection
            ? connection
            : throw new InvalidOperationException(
                $"{Variable} is not set. Run the tests with `bash scripts/test.sh`, which starts a throwaway Redis and sets it.");
}
