using System.Text.RegularExpressions;
using System.Xml.Linq;
using FluentValidation;
using FluentValidation.Internal;
using FluentValidation.Validators;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.UnitTests.Common;

/// <summary>
/// Every rule the code can report is one definition in <see cref="Rules"/>, with a message in English and in
/// Simplified Chinese. A broken rule is thrown as a <see cref="Rule"/> (the compiler holds that line); these
/// tests hold the rest: validators, the messages, and no code written as a bare string.
/// </summary>
public sealed partial class RuleCatalogueTests
{
    private static readonly string Src = Path.Combine(RepositoryRoot.Path, "src");

    private static HashSet<string> ResourceKeys(string file) =>
        [.. XDocument.Load(Path.Combine(Src, "RecyclePlatform.Web", "Resources", file)).Root!.Elements("data").Select(d => d.Attribute("name")!.Value)];

    [Theory]
    [InlineData("SharedResource.resx")]
    [InlineData("SharedResource.zh-CN.resx")]
    public void EveryRule_HasAMessage_InEachLanguage(string file)
    {
        var keys = ResourceKeys(file);

        Rules.ByCode.Values.Where(rule => !keys.Contains(rule.MessageKey)).Select(rule => rule.Code).ShouldBeEmpty();
    }

    [Fact]
    public void EveryRuleMessage_BelongsToARule()
    {
        // Error.<code> keys are rule messages; the error page's own texts (Error.NotFoundTitle) are not codes.
        var stale = ResourceKeys("SharedResource.resx")
            .Where(k => k.StartsWith("Error.", StringComparison.Ordinal) && CodePattern().IsMatch(k["Error.".Length..]))
            .Where(k => !Rules.ByCode.ContainsKey(k["Error.".Length..]));

        stale.ShouldBeEmpty();
    }

    [Fact]
    public void Catalogue_HasManyRules_EachWithAWellFormedUniqueCode()
    {
        Rules.ByCode.Count.ShouldBeGreaterThan(100);
        Rules.ByCode.Keys.Where(code => !CodePattern().IsMatch(code)).ShouldBeEmpty();
        Rules.Pickup.BagCount.Kind.ShouldBe(RuleKind.Unprocessable);
        Rules.Slot.Full.ShouldBeSameAs(Rules.ByCode["slot.full"]);
    }

    [Fact]
    public void EveryValidatorRule_ReportsACatalogueCode()
    {
        var validators = typeof(Application.DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .ToList();
        validators.Count.ShouldBeGreaterThan(10);

        var missing = new List<string>();
        foreach (var type in validators)
        {
            var validator = (IValidator)Activator.CreateInstance(type)!;
            foreach (var rule in validator.CreateDescriptor().Rules)
            {
                // A child validator reports its own rules' codes, checked as a validator of its own.
                foreach (var component in rule.Components.Where(c => c.Validator is not IChildValidatorAdaptor))
                {
                    if (component.ErrorCode is not { } code || !Rules.ByCode.ContainsKey(code))
                    {
                        missing.Add($"{type.Name}.{rule.PropertyName}: {component.Validator.Name} reports '{component.ErrorCode}'");
                    }
                }
            }
        }

        missing.ShouldBeEmpty();
    }

    [Fact]
    public void NoSourceFile_WritesARuleCodeAsABareString()
    {
        var offenders = Directory.EnumerateFiles(Src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.EndsWith("Rules.cs", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => QuotedString().Matches(l.Text).Any(m => Rules.ByCode.ContainsKey(m.Groups[1].Value)))
            .Select(l => $"{l.File}:{l.Line}")
            .ToList();

        offenders.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("slot.full", 409)]
    [InlineData("pickup.bag_count", 422)]
    [InlineData("photo.too_large", 413)]
    [InlineData("photo.not_an_image", 415)]
    [InlineData("rate_limited", 429)]
    [InlineData("input.format", 400)]
    public void EachKind_HasOneHttpStatus(string code, int status) =>
        Web.ErrorMessages.StatusFor(Rules.ByCode[code]).ShouldBe(status);

    [GeneratedRegex("^[a-z_]+(\\.[a-z0-9_]+)?$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("\"([a-z_]+(\\.[a-z0-9_]+)?)\"")]
    private static partial Regex QuotedString();
}
