using FluentValidation.TestHelper;
using RecyclePlatform.Application.FeatureName;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.UnitTests.FeatureName;

public sealed class UseCaseNameValidatorTests
{
    private readonly UseCaseNameValidator _validator = new();

    // TODO(template): a command that passes every rule, kept in step with the command's fields.
    private static UseCaseNameCommand Valid() => new() { CityId = Guid.NewGuid(), Name = "Spring clothing drive" };

    [Fact]
    public void Validate_AValidCommand_Passes()
    {
        _validator.TestValidate(Valid()).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Validate_AnEmptyCommand_FailsEachField_WithOneCodedMessageEach()
    {
        var result = _validator.TestValidate(new UseCaseNameCommand());

        result.ShouldHaveValidationErrorFor(c => c.CityId).WithErrorCode(Rules.UseCaseName.CityRequired.Code);
        result.ShouldHaveValidationErrorFor(c => c.Name).WithErrorCode(Rules.UseCaseName.NameRequired.Code);
        // Every failure carries a code the page and the API translate; none falls back to the library's English.
        result.Errors.ShouldAllBe(e => e.ErrorCode.StartsWith("code_prefix.", StringComparison.Ordinal));
        result.Errors.GroupBy(e => e.PropertyName).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void Validate_ANameOverTheLimit_FailsWithNameTooLong()
    {
        var command = Valid();
        command.Name = new string('x', UseCaseNameValidator.MaxName + 1);

        _validator.TestValidate(command).ShouldHaveValidationErrorFor(c => c.Name).WithErrorCode(Rules.UseCaseName.NameTooLong.Code);
    }
}
