using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using RecyclePlatform.Application.Ledger;

namespace RecyclePlatform.Web.Pages.Ledger;

[AllowAnonymous]
public sealed class VerifyModel(ICheckpointSigner signer) : PageModel
{
    public string VerifierKey => signer.VerifierKey;
    public string BaseUrl => $"{Request.Scheme}://{Request.Host}";

    public void OnGet()
    {
    }
}
