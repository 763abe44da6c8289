using System.Text.Json;

namespace RecyclePlatform.UnitTests.Architecture;

/// <summary>
/// The `dotnet new recycle-usecase` template (templates/usecase) stays whole: its manifest is valid, names
/// every file it writes, and each file lands in the project that compiles it. Its sources are never built here.
/// </summary>
public sealed class UseCaseTemplateTests
{
    private static readonly string Template = Path.Combine(RepositoryRoot.Path, "templates", "usecase");
    private static readonly string Manifest = Path.Combine(Template, ".template.config", "template.json");

    /// <summary>What the template writes, relative to the repository root, before its placeholders are replaced.</summary>
    public static readonly TheoryData<string, string> Generated = new()
    {
        { "src/RecyclePlatform.Domain/Common/Rules.UseCaseName.cs", "src/RecyclePlatform.Domain" },
        { "src/RecyclePlatform.Application/FeatureName/UseCaseName.cs", "src/RecyclePlatform.Application" },
        { "src/RecyclePlatform.Web/Api/UseCaseNameEndpoint.cs", "src/RecyclePlatform.Web" },
        { "src/RecyclePlatform.Web/Pages/FeatureName/UseCaseName.cshtml", "src/RecyclePlatform.Web" },
        { "src/RecyclePlatform.Web/Pages/FeatureName/UseCaseName.cshtml.cs", "src/RecyclePlatform.Web" },
        { "tests/RecyclePlatform.UnitTests/FeatureName/UseCaseNameValidatorTests.cs", "tests/RecyclePlatform.UnitTests" },
        { "tests/RecyclePlatform.IntegrationTests/FeatureName/UseCaseNameTests.cs", "tests/RecyclePlatform.IntegrationTests" },
        { "tests/RecyclePlatform.FunctionalTests/Api/UseCaseNameApiTests.cs", "tests/RecyclePlatform.FunctionalTests" },
    };

    private static List<string> GeneratedPaths() => [.. Generated.Select(row => (string)row[0])];

    private static JsonElement ReadManifest()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Manifest));
        return document.RootElement.Clone();
    }

    private static string Relative(string path) => Path.GetRelativePath(Template, path).Replace('\\', '/');

    [Fact]
    public void Manifest_IsValidJson_ForTheRecycleUseCaseItemTemplate()
    {
        var manifest = ReadManifest();

        manifest.GetProperty("identity").GetString().ShouldBe("RecyclePlatform.UseCase");
        manifest.GetProperty("shortName").GetString().ShouldBe("recycle-usecase");
        manifest.GetProperty("tags").GetProperty("type").GetString().ShouldBe("item");
        manifest.GetProperty("sourceName").GetString().ShouldBe("UseCaseName");
        var feature = manifest.GetProperty("symbols").GetProperty("feature");
        feature.GetProperty("isRequired").GetBoolean().ShouldBeTrue();
        feature.GetProperty("fileRename").GetString().ShouldBe("FeatureName");
        File.Exists(Path.Combine(RepositoryRoot.Path, "templates", "README.md")).ShouldBeTrue();
    }

    [Fact]
    public void Manifest_NamesEveryFileTheTemplateHolds_AndEachExists()
    {
        var outputs = ReadManifest().GetProperty("primaryOutputs").EnumerateArray()
            .Select(o => o.GetProperty("path").GetString()!).ToList();
        var files = Directory.EnumerateFiles(Template, "*", SearchOption.AllDirectories)
            .Select(Relative)
            .Where(f => !f.StartsWith(".template.config/", StringComparison.Ordinal))
            .ToList();

        outputs.ShouldBe(GeneratedPaths(), ignoreOrder: true);
        files.ShouldBe(GeneratedPaths(), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Generated))]
    public void GeneratedFile_LandsInTheProjectThatCompilesIt(string file, string project)
    {
        file.ShouldStartWith(project + "/");
        var name = Path.GetFileName(project);
        File.Exists(Path.Combine(RepositoryRoot.Path, project, name + ".csproj")).ShouldBeTrue($"{project} is not a project");
        File.ReadAllText(Path.Combine(RepositoryRoot.Path, "RecyclePlatform.sln")).ShouldContain($"{name}.csproj");
        // The feature's folder or the project's own Api folder; no file lands at a project's root.
        Path.GetRelativePath(project, file).Replace('\\', '/').ShouldContain("/");
    }

    [Fact]
    public void EveryPlaceholder_IsUsedByTheTemplate_AndEveryFileUsesTheUseCaseName()
    {
        var manifest = ReadManifest();
        var sources = GeneratedPaths().ToDictionary(f => f, f => File.ReadAllText(Path.Combine(Template, f)));
        var placeholders = manifest.GetProperty("symbols").EnumerateObject()
            .Where(s => s.Value.TryGetProperty("replaces", out _))
            .Select(s => s.Value.GetProperty("replaces").GetString()!)
            .ToList();

        placeholders.ShouldBe(["FeatureName", "code_prefix", "resource-path", "RequiredRole", "AnotherRole", "NounName"], ignoreOrder: true);
        placeholders.Where(p => !sources.Values.Any(s => s.Contains(p, StringComparison.Ordinal))).ShouldBeEmpty();
        sources.Where(s => !s.Key.Contains("UseCaseName", StringComparison.Ordinal) || !s.Value.Contains("UseCaseName", StringComparison.Ordinal))
            .Select(s => s.Key).ShouldBeEmpty();
    }

    [Fact]
    public void TemplateSources_AreOutsideEveryProject()
    {
        // A project compiles the .cs files below its own folder: none may sit above the template's.
        for (var dir = new DirectoryInfo(Template); dir is not null && dir.FullName.Length >= RepositoryRoot.Path.Length; dir = dir.Parent)
        {
            dir.EnumerateFiles("*.csproj").ShouldBeEmpty($"{dir.FullName} holds a project that would compile the template");
        }
        foreach (var build in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            File.ReadAllText(Path.Combine(RepositoryRoot.Path, build)).ShouldNotContain("templates", Case.Insensitive);
        }
        foreach (var project in Directory.EnumerateFiles(RepositoryRoot.Path, "*.csproj", SearchOption.AllDirectories))
        {
            File.ReadAllText(project).ShouldNotContain("templates", Case.Insensitive, $"{project} includes the template's sources");
        }
    }

    [Fact]
    public void GeneratedPageModel_LeavesErrorsToTheFormFilter()
    {
        var page = File.ReadAllText(Path.Combine(Template, "src/RecyclePlatform.Web/Pages/FeatureName/UseCaseName.cshtml.cs"));

        page.ShouldContain("[BindProperty]");
        page.ShouldContain("IFormPage");
        System.Text.RegularExpressions.Regex.IsMatch(page, @"\bcatch\s*[({]").ShouldBeFalse("the page model catches what the handler throws");
    }
}
