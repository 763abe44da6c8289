using FluentValidation;
using Microsoft.EntityFrameworkCore;
using RecyclePlatform.Application.Cities;
using RecyclePlatform.Application.Common;
using RecyclePlatform.Domain.Common;
using RecyclePlatform.Domain.Partners;

namespace RecyclePlatform.Application.Partners;

/// <summary>A programme of the signed-in charity's catalogue as its staff enter it (<see cref="CreateProgrammeHandler"/>, <see cref="UpdateProgrammeHandler"/>): its name in both languages, and whether it is offered.</summary>
/// <summary>A programme of the signed-in charity's catalogue: its name in both languages, and whether it is offered.</summary>
public sealed class SaveProgrammeCommand
{
    public string? English { get; set; }
    public string? Chinese { get; set; }
    public bool Active { get; set; } = true;
}

public sealed class SaveProgrammeValidator : AbstractValidator<SaveProgrammeCommand>
{
    public SaveProgrammeValidator()
    {
        RuleFor(c => c.English).NotEmpty().WithRule(Rules.Name.EnglishRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.EnglishRequired);
        RuleFor(c => c.Chinese).NotEmpty().WithRule(Rules.Name.ChineseRequired).MaximumLength(LocalizedName.MaxLength).WithRule(Rules.Name.ChineseRequired);
    }
}
