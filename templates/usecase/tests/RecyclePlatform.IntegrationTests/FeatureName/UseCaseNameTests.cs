using Microsoft.Extensions.DependencyInjection;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Application.FeatureName;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.IntegrationTests.Pickups;

namespace RecyclePlatform.IntegrationTests.FeatureName;

/// <summary>UseCaseName against a real PostgreSQL database, with the application's real registrations.</summary>
public sealed class UseCaseNameTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private BookingScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _services = BookingScenario.Services(fixture);
        // A city of its own, so tests never share state.
        _scenario = await BookingScenario.CreateAsync(fixture, _services);
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    /// <summary>Runs the use case in a fresh scope (its own DbContext) acting with the RequiredRole role in the scenario's city.</summary>
    private Task<UseCaseNameResult> UseCaseNameAsync(UseCaseNameCommand command) =>
        _scenario.AsAsync(Guid.CreateVersion7(), Roles.RequiredRole, null,
            sp => sp.GetRequiredService<UseCaseNameHandler>().HandleAsync(command, CancellationToken.None));

    private UseCaseNameCommand Valid() => new() { CityId = _scenario.City.Id, Name = "Spring clothing drive" };

    [Fact]
    public async Task UseCaseName_AValidCommand_SavesIt()
    {
        var created = await UseCaseNameAsync(Valid());

        // TODO(template): read back what the handler saved and assert on it, e.g.
        //     await using var db = fixture.CreateContext();
        //     var saved = await db.FeatureName.SingleAsync(x => x.Id == created.Id);
        //     saved.Name.ShouldBe("Spring clothing drive");
        Assert.Fail($"Fill in: assert on the NounName that UseCaseName saved ({created.Id}).");
    }

    [Fact]
    public async Task UseCaseName_ForACityThatDoesNotExist_ThrowsNotFound()
    {
        var command = Valid();
        command.CityId = Guid.NewGuid();

        var missing = await Should.ThrowAsync<NotFoundException>(() => UseCaseNameAsync(command));

        missing.Resource.ShouldBe("city");
    }

    [Fact]
    public async Task UseCaseName_WhenADomainRuleIsBroken_ThrowsItsCode()
    {
        // TODO(template): arrange a state in which the domain refuses the command, then name the rule's code
        // below and check that nothing was saved.
        Assert.Fail("Fill in: arrange a state that breaks one of the domain's rules for UseCaseName.");

        var refused = await Should.ThrowAsync<DomainRuleException>(() => UseCaseNameAsync(Valid()));

        refused.Code.ShouldBe("code_prefix.TODO");
    }
}
