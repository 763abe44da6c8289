using System.ComponentModel.DataAnnotations;
using RecyclePlatform.Application.Accounts;
using RecyclePlatform.Infrastructure.Identity;

namespace RecyclePlatform.Web.Pages.Account;

// Error messages and field names are resource keys; the data-annotations localiser translates them.

public sealed class RegisterInput
{
    [Required(ErrorMessage = "Validation.NameRequired")]
    [StringLength(ApplicationUser.MaxDisplayNameLength, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.DisplayName")]
    public string DisplayName { get; set; } = "";

    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [StringLength(254, ErrorMessage = "Validation.MaxLength")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [StringLength(128, ErrorMessage = "Validation.MaxLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    [Required(ErrorMessage = "Validation.ConfirmPasswordRequired")]
    [DataType(DataType.Password)]
    [Compare(nameof(Password), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class LoginInput
{
    [Required(ErrorMessage = "Validation.EmailRequired")]
    [EmailAddress(ErrorMessage = "Validation.Email")]
    [Display(Name = "Field.Email")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Validation.PasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.Password")]
    public string Password { get; set; } = "";

    [Display(Name = "Field.RememberMe")]
    public bool RememberMe { get; set; }
}

/// <summary>A new password typed twice: an invitation's first password, and the second half of a change.</summary>
public class SetPasswordInput
{
    [Required(ErrorMessage = "Validation.NewPasswordRequired")]
    [StringLength(128, ErrorMessage = "Validation.MaxLength")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.NewPassword")]
    public string NewPassword { get; set; } = "";

    [Required(ErrorMessage = "Validation.ConfirmPasswordRequired")]
    [DataType(DataType.Password)]
    [Compare(nameof(NewPassword), ErrorMessage = "Validation.PasswordsDiffer")]
    [Display(Name = "Field.ConfirmPassword")]
    public string ConfirmPassword { get; set; } = "";
}

public sealed class ChangePasswordInput : SetPasswordInput
{
    [Required(ErrorMessage = "Validation.CurrentPasswordRequired")]
    [DataType(DataType.Password)]
    [Display(Name = "Field.CurrentPassword")]
    public string CurrentPassword { get; set; } = "";
}
