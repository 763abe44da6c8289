using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;
using RecyclePlatform.Domain.Common;

namespace RecyclePlatform.Web.Pages.Pickups;

/// <summary>Puts what a use case refused next to the field it is about, in the page's language.</summary>
internal static class BookingErrors
{
    public static void Add(ModelStateDictionary modelState, ValidationException invalid, IStringLocalizer localizer, string prefix = "Input.")
    {
        foreach (var failure in invalid.Errors)
        {
            modelState.AddModelError(prefix + failure.PropertyName, ErrorMessages.For(localizer, failure.ErrorCode, failure.ErrorMessage));
        }
    }

    public static void Add(ModelStateDictionary modelState, DomainRuleException rule, IStringLocalizer localizer)
    {
        var field = rule.Code switch
        {
            "pickup.bag_count" => "Input.Bags",
            "pickup.categories_required" => "Input.Categories",
            "pickup.below_minimum_weight" => "Input.Weight",
            "pickup.charity_not_in_city" => "Input.CharityId",
            "address.phone_invalid" => "Input.Address.Phone",
            "address.street_required" => "Input.Address.Street",
            "address.contact_name_required" => "Input.Address.ContactName",
            "slot.full" or "pickup.after_cutoff" or "pickup.window_in_past" or "pickup.same_window" => "Input.SlotId",
            _ => "",
        };
        modelState.AddModelError(field, ErrorMessages.For(localizer, rule.Code));
    }
}
