using System.Reflection;
using RecyclePlatform.Domain.Custody;
using RecyclePlatform.Domain.Ledger;
using Xunit.Abstractions;

namespace RecyclePlatform.UnitTests.Ledger;

/// <summary>
/// Privacy by construction: every field of every entry type is an id, a number, a boolean, a date or
/// time, an enumeration, a code (digest, region, city) or a list or group of these. A field that
/// could hold free text (a string, an object) fails here, before it could ever reach the public log.
/// </summary>
public sealed class LedgerSchemaTests(ITestOutputHelper output)
{
    private static readonly Type[] EntryTypes = [.. typeof(CustodyEntry).Assembly.GetTypes()
        .Where(t => t.IsSubclassOf(typeof(CustodyEntry)) && !t.IsAbstract).OrderBy(t => t.Name)];

    [Fact]
    public void EveryEntryType_HasOnlyRestrictedFields()
    {
        var problems = new List<string>();
        foreach (var type in EntryTypes)
        {
            var fields = CustodyEntry.Fields(type).Where(p => p.Name != nameof(CustodyEntry.At)).ToList();
            output.WriteLine($"{CustodyEntry.KindName(Kind(type))}: v, kind, at, " +
                string.Join(", ", fields.Select(f => $"{CustodyEntry.CamelCase(f.Name)} ({Describe(f.PropertyType)})")));
            problems.AddRange(fields.Where(f => !Restricted(f.PropertyType)).Select(f => $"{type.Name}.{f.Name}: {f.PropertyType.Name}"));
        }
        problems.ShouldBeEmpty();
    }

    [Fact]
    public void EveryKindOfEntry_HasExactlyOneSchema()
    {
        EntryTypes.Select(Kind).Order().ShouldBe(Enum.GetValues<LedgerEntryKind>());
    }

    [Fact]
    public void TheCheck_WouldCatchAStringField()
    {
        Restricted(typeof(string)).ShouldBeFalse();
        Restricted(typeof(IReadOnlyList<string>)).ShouldBeFalse();
        Restricted(typeof(object)).ShouldBeFalse();
        Restricted(typeof(System.Text.Json.Nodes.JsonObject)).ShouldBeFalse();
        Restricted(typeof(IReadOnlyList<HexDigest>)).ShouldBeTrue();
        Restricted(typeof(RegionCode?)).ShouldBeTrue();
    }

    [Fact]
    public void EveryCustodyFact_IsTurnedIntoSomething_ByTheRecorder()
    {
        // The recorder's switch names each fact type; a new fact without a case would throw at run time.
        var facts = typeof(CustodyFact).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(CustodyFact)) && !t.IsAbstract).ToList();
        var recorder = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Application", "Ledger", "CustodyRecorder.cs"));
        facts.ShouldNotBeEmpty();
        facts.Where(f => !recorder.Contains($"case {f.Name} ", StringComparison.Ordinal)).Select(f => f.Name).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("110105", true)]
    [InlineData("000000", false)]
    [InlineData("11010", false)]
    [InlineData("Chaoyang", false)]
    [InlineData("110105\u0000", false)]
    public void RegionCode_AcceptsOnlySixDigits(string value, bool valid) => RegionCode.TryParse(value, out _).ShouldBe(valid);

    private static LedgerEntryKind Kind(Type type) =>
        ((CustodyEntry)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)).EntryKind();

    private static bool Restricted(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type) ?? type;
        if (inner == typeof(Guid) || inner == typeof(int) || inner == typeof(long) || inner == typeof(bool) || inner == typeof(DateOnly)
            || inner == typeof(DateTimeOffset) || inner.IsEnum || typeof(IEntryCode).IsAssignableFrom(inner))
        {
            return true;
        }
        if (inner.IsGenericType && inner.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return Restricted(inner.GetGenericArguments()[0]);
        }
        return typeof(IEntryFields).IsAssignableFrom(inner) && inner.IsSealed
            && CustodyEntry.Fields(inner).All(p => Restricted(p.PropertyType));
    }

    private static string Describe(Type type)
    {
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null)
        {
            return Describe(inner) + ", optional";
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return "list of " + Describe(type.GetGenericArguments()[0]);
        }
        if (typeof(IEntryFields).IsAssignableFrom(type))
        {
            return "{ " + string.Join(", ", CustodyEntry.Fields(type).Select(p => $"{CustodyEntry.CamelCase(p.Name)}: {Describe(p.PropertyType)}")) + " }";
        }
        return type switch
        {
            _ when type == typeof(Guid) => "id",
            _ when type == typeof(int) || type == typeof(long) => "integer",
            _ when type == typeof(bool) => "boolean",
            _ when type == typeof(DateOnly) => "date",
            _ when type == typeof(DateTimeOffset) => "UTC time",
            _ when type.IsEnum => "one of " + string.Join("|", Enum.GetNames(type).Select(CustodyEntry.SnakeCase)),
            _ when type == typeof(HexDigest) => "64 hex digest",
            _ when type == typeof(RegionCode) => "GB/T 2260 code",
            _ when type == typeof(CityCode) => "city slug",
            _ => type.Name,
        };
    }
}
