using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Application.FeatureName;

/// <summary>What UseCaseName takes: a plain class with settable properties, bound from a form and from JSON alike.</summary>
public sealed class UseCaseNameCommand
{
    // TODO(template): the fields of this use case. CityId and Name are examples: keep, change or replace them
    // (and the rules, the form fields and the tests that name them).
    public Guid CityId { get; set; }
    public string Name { get; set; } = "";
}

public sealed class UseCaseNameValidator : AbstractValidator<UseCaseNameCommand>
{
    // TODO(template): a limit the domain enforces belongs on the entity (as PickupAddress.MaxStreet); refer to it from here.
    public const int MaxName = 200;

    public UseCaseNameValidator()
    {
        // One message per field: the first rule that fails. Every rule names one of the catalogue's (Rules.UseCaseName,
        // in Domain/Common/Rules.UseCaseName.cs): the page and the API translate it by its code.
        RuleLevelCascadeMode = CascadeMode.Stop;
        RuleFor(c => c.CityId).NotEmpty().WithRule(Rules.UseCaseName.CityRequired);
        RuleFor(c => c.Name).NotEmpty().WithRule(Rules.UseCaseName.NameRequired)
            .MaximumLength(MaxName).WithRule(Rules.UseCaseName.NameTooLong);
    }
}

/// <summary>What UseCaseName made: the API answers 201 with it and a link to it.</summary>
public sealed record UseCaseNameResult(Guid Id);

/// <summary>
/// TODO(template): one sentence on what this use case does and who may do it.
/// (Every ...Handler and its validator are registered by convention: nothing to add to DependencyInjection.cs.)
/// </summary>
public sealed class UseCaseNameHandler(IAppDbContext db, IValidator<UseCaseNameCommand> validator)
{
    public async Task<UseCaseNameResult> HandleAsync(UseCaseNameCommand command, CancellationToken ct)
    {
        // 1. Validate the input's shape (ValidationException: 400 in the API, errors beside the fields on a page).
        await validator.ValidateAndThrowAsync(command, ct);

        // 2. Load what the use case needs; something missing is a NotFoundException (404).
        //    A staff member scoped to cities sees only their own: user.RequireCity(city.Id, "city", city.Id) (ICurrentUser).
        var city = await db.Cities.SingleOrDefaultAsync(c => c.Id == command.CityId, ct)
            ?? throw new NotFoundException("city", command.CityId);

        // 3. Call the domain: it checks the rules that need state and throws new DomainRuleException(Rules.UseCaseName.…)
        //    when one is broken (the rule's kind gives the status: 409 or 422). 4. Save.
        // TODO(template): replace the throw below with the domain call and the save, e.g.
        //     var created = NounName.Create(city.Id, command.Name);
        //     db.FeatureName.Add(created);
        //     await db.SaveChangesAsync(ct);
        //     return new UseCaseNameResult(created.Id);
        throw new NotImplementedException($"TODO(template): UseCaseNameHandler does not call the domain yet (city {city.Id}).");
    }
}
