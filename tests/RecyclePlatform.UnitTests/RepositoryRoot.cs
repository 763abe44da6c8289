namespace RecyclePlatform.UnitTests;

internal static class RepositoryRoot
{
    /// <summary>The folder holding RecyclePlatform.sln, found from the test binaries upwards.</summary>
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "RecyclePlatform.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("RecyclePlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
