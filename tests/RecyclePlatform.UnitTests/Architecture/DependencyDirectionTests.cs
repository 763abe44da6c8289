using System.Reflection;
using System.Xml.Linq;

namespace RecyclePlatform.UnitTests.Architecture;

/// <summary>Dependencies point inwards: Web → Infrastructure → Application → Domain.</summary>
public sealed class DependencyDirectionTests
{
    [Theory]
    [InlineData("RecyclePlatform.Domain", new string[0])]
    [InlineData("RecyclePlatform.Application", new[] { "RecyclePlatform.Domain" })]
    [InlineData("RecyclePlatform.Infrastructure", new[] { "RecyclePlatform.Application" })]
    [InlineData("RecyclePlatform.Web", new[] { "RecyclePlatform.Application", "RecyclePlatform.Infrastructure" })]
    public void ProjectReferences_PointOnlyInwards(string project, string[] allowed)
    {
        var file = Path.Combine(RepositoryRoot.Path, "src", project, project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToList();

        references.ShouldBe(allowed, ignoreOrder: true);
    }

    [Fact]
    public void Domain_UsesNoPackageOrFramework()
    {
        var referenced = typeof(RecyclePlatform.Domain.Cities.City).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !name.StartsWith("System", StringComparison.Ordinal) && name != "netstandard")
            .ToList();

        referenced.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(typeof(RecyclePlatform.Domain.Cities.City), "RecyclePlatform.Application")]
    [InlineData(typeof(RecyclePlatform.Application.Common.IAppDbContext), "RecyclePlatform.Infrastructure")]
    [InlineData(typeof(RecyclePlatform.Application.Common.IAppDbContext), "RecyclePlatform.Web")]
    [InlineData(typeof(RecyclePlatform.Infrastructure.Persistence.AppDbContext), "RecyclePlatform.Web")]
    public void InnerAssembly_DoesNotReferenceOuterOne(Type inner, string outer)
    {
        inner.Assembly.GetReferencedAssemblies().Select(a => a.Name).ShouldNotContain(outer);
    }

    [Fact]
    public void Web_NamesInfrastructureOnlyInItsCompositionRoot_AndTheAccountType()
    {
        var web = Path.Combine(RepositoryRoot.Path, "src", "RecyclePlatform.Web");
        var allowed = new[] { "Program.cs", "DependencyInjection.cs" };
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !allowed.Contains(Path.GetFileName(f)))
            // Identity's pages and endpoints are written against its user type (ApplicationUser), which lives in
            // Infrastructure.Identity; everything else in Web goes through Application's ports.
            .Where(f => File.ReadAllText(f).Replace("RecyclePlatform.Infrastructure.Identity", "", StringComparison.Ordinal)
                .Replace("Infrastructure.Identity.", "", StringComparison.Ordinal)
                .Contains("RecyclePlatform.Infrastructure", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(web, f))
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Fact]
    public void EveryAssemblyLoads()
    {
        Assembly[] assemblies =
        [
            typeof(RecyclePlatform.Domain.Cities.City).Assembly,
            typeof(RecyclePlatform.Application.DependencyInjection).Assembly,
            typeof(RecyclePlatform.Infrastructure.DependencyInjection).Assembly,
            typeof(RecyclePlatform.Web.DependencyInjection).Assembly,
        ];
        assemblies.Select(a => a.GetName().Name).ShouldBe(
            ["RecyclePlatform.Domain", "RecyclePlatform.Application", "RecyclePlatform.Infrastructure", "RecyclePlatform.Web"]);
    }
}
