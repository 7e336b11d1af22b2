namespace Expunge.Matching.Data;

/// <summary>
/// Matching's encrypted columns (Expunge.Security.FieldCipher): what a record says, its identity (name, date of birth,
/// CII and case numbers) and a review pair's evidence (which quotes both records' values). Linking never searches
/// them in SQL: candidates come from the in-memory index, built from the decrypted identities.
/// </summary>
public static class StoredRecordColumns
{
    public const string Identity = "matching.source_record.identity";
    public const string Record = "matching.source_record.record";
    public const string Evidence = "matching.review_pair.evidence";
}
