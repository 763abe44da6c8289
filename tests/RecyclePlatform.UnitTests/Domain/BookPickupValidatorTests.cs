using FluentValidation.TestHelper;
using RecyclePlatform.Application.Pickups;

namespace RecyclePlatform.UnitTests.Domain;

public sealed class BookPickupValidatorTests
{
    private readonly BookPickupValidator _validator = new();

    [Fact]
    public void EmptyCommand_FailsEveryField_WithOneCodedMessageEach()
    {
        var result = _validator.TestValidate(new BookPickupCommand());

        result.ShouldHaveValidationErrorFor(c => c.SlotId).WithErrorCode("pickup.slot_required");
        result.ShouldHaveValidationErrorFor(c => c.Weight).WithErrorCode("pickup.weight_required");
        result.ShouldHaveValidationErrorFor(c => c.Condition).WithErrorCode("pickup.condition_required");
        result.ShouldHaveValidationErrorFor(c => c.Categories).WithErrorCode("pickup.categories_required");
        result.ShouldHaveValidationErrorFor(c => c.Bags).WithErrorCode("pickup.bag_count");
        result.ShouldHaveValidationErrorFor("Address.Phone").WithErrorCode("address.phone_required");
        // Every failure carries a code the UI can translate; none falls back to the library's English.
        result.Errors.ShouldAllBe(e => e.ErrorCode.Contains('.'));
        result.Errors.GroupBy(e => e.PropertyName).ShouldAllBe(g => g.Count() == 1);
    }

    [Fact]
    public void Coordinates_NeedBothHalves()
    {
        var command = new BookPickupCommand { Address = new AddressInput { Latitude = 39.9 } };

        _validator.TestValidate(command).ShouldHaveValidationErrorFor("Address.Longitude").WithErrorCode("address.coordinates_incomplete");
    }
}
