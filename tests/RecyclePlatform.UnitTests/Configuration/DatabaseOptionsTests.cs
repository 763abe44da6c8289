using Microsoft.Extensions.Configuration;
using RecyclePlatform.Infrastructure.Persistence;
using RecyclePlatform.Tests;

namespace RecyclePlatform.UnitTests.Configuration;

/// <summary>Bad configuration stops the app at start-up with a message naming the setting.</summary>
public sealed class DatabaseOptionsTests : IDisposable
{
    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, v.Value))).Build();

    // xUnit makes one instance per test, so each test has its own content root, removed after it.
    private readonly string _root = Directory.CreateTempSubdirectory("rp-options-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void UnknownProvider_NamesTheSetting()
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            DatabaseOptions.From(Config(("Database:Provider", "Oracle")), new TestHostEnvironment("Development", _root)));

        error.Message.ShouldContain("Database:Provider");
        error.Message.ShouldContain("Oracle");
    }

    [Theory]
    [InlineData("Production", "Postgres")]
    [InlineData("Production", "Sqlite")]
    [InlineData("Development", "Postgres")]
    public void MissingConnectionString_OutsideADevelopersFirstRun_NamesTheSetting(string environment, string provider)
    {
        var error = Should.Throw<InvalidOperationException>(() =>
            DatabaseOptions.From(Config(("Database:Provider", provider)), new TestHostEnvironment(environment, _root)));

        error.Message.ShouldContain("ConnectionStrings:Default");
    }

    [Fact]
    public void Development_WithNothingSet_UsesASqliteFileUnderTheContentRoot()
    {
        var root = _root;

        var options = DatabaseOptions.From(Config(), new TestHostEnvironment("Development", root));

        options.Provider.ShouldBe(DatabaseProvider.Sqlite);
        options.ConnectionString.ShouldContain(Path.Combine(root, "App_Data", "recycleplatform.db"));
        Directory.Exists(Path.Combine(root, "App_Data")).ShouldBeTrue();
        options.MigrateOnStartup.ShouldBeTrue();
    }

    [Fact]
    public void Postgres_PreparesStatementsAndSkipsTheResetOnReturn_UnlessTheConnectionStringSaysOtherwise()
    {
        var production = new TestHostEnvironment("Production", _root);
        Npgsql.NpgsqlConnectionStringBuilder Parsed(string connection) => new(DatabaseOptions.From(
            Config(("Database:Provider", "Postgres"), ("ConnectionStrings:Default", connection)), production).ConnectionString);

        var defaults = Parsed("Host=db;Database=recycle");
        (defaults.MaxAutoPrepare, defaults.AutoPrepareMinUsages, defaults.NoResetOnClose, defaults.Host).ShouldBe((100, 2, true, "db"));
        var own = Parsed("Host=db;Database=recycle;Max Auto Prepare=0;NoResetOnClose=false");
        (own.MaxAutoPrepare, own.NoResetOnClose).ShouldBe((0, false));
        Should.Throw<InvalidOperationException>(() => Parsed("Host=db;Nonsense=1")).Message.ShouldContain("ConnectionStrings:Default");
    }

    [Fact]
    public void Production_DoesNotMigrateUnlessAsked()
    {
        var production = new TestHostEnvironment("Production", _root);
        var connection = ("ConnectionStrings:Default", (string?)"Host=db;Database=recycle");

        DatabaseOptions.From(Config(("Database:Provider", "Postgres"), connection), production).MigrateOnStartup.ShouldBeFalse();
        DatabaseOptions.From(Config(("Database:Provider", "Postgres"), connection, ("Database:MigrateOnStartup", "true")), production)
            .MigrateOnStartup.ShouldBeTrue();
    }

    [Fact]
    public void MigrateOnStartup_NotABoolean_NamesTheSetting()
    {
        Should.Throw<InvalidOperationException>(() =>
                DatabaseOptions.From(Config(("Database:MigrateOnStartup", "sometimes")), new TestHostEnvironment("Development", _root)))
            .Message.ShouldContain("Database:MigrateOnStartup");
    }

    [Fact]
    public void InMemorySqlite_IsRefused()
    {
        Should.Throw<InvalidOperationException>(() =>
                DatabaseOptions.From(Config(("ConnectionStrings:Default", "Data Source=:memory:")), new TestHostEnvironment("Development", _root)))
            .Message.ShouldContain("ConnectionStrings:Default");
    }
}
