namespace RecyclePlatform.Domain.Partners;

/// <summary>Charities receive reuse lots; recyclers receive recycle lots.</summary>
public enum PartnerKind
{
    Charity,
    Recycler,
}
