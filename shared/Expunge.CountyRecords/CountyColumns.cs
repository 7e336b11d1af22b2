namespace Expunge.CountyRecords;

/// <summary>Which county export a file is, and its columns in the order court-records.md lists them (the order
/// accepted rows are stored and carried in, whatever order the file had).</summary>
public sealed record CountyLayout(string Source, IReadOnlyList<string> Columns, string RecordIdColumn)
{
    public int Index(string column) => Columns.ToList().IndexOf(column) is var i and >= 0 ? i : throw new ArgumentOutOfRangeException(nameof(column), column, null);

    public static readonly CountyLayout Court = new("court",
    [
        "court_case_number", "count_number", "court_location", "filing_date", "defendant_last_name", "defendant_first_name",
        "defendant_middle_name", "aka_names", "date_of_birth", "sex", "race", "cii_number", "cdl_number", "booking_number",
        "arrest_date", "charge_code", "charge_description", "charge_level", "disposition", "disposition_date", "sentence",
        "prosecuting_agency",
    ], "court_case_number");

    public static readonly CountyLayout Da = new("da",
    [
        "agency_case_number", "court_case_number", "count_number", "defendant_last_name", "defendant_first_name", "date_of_birth",
        "cii_number", "charge_code", "charge_level", "disposition", "disposition_date", "agency",
    ], "agency_case_number");

    /// <summary>A single record event from a county system: the court export's columns and the event's kind.</summary>
    public static readonly CountyLayout Event = new("event", [.. Court.Columns, "event_kind"], "event_kind");

    /// <summary>The layout of a source's rows: the court export's, the DA export's, or (any other source: a county
    /// system's name) an event's.</summary>
    public static CountyLayout Of(string source) => source == Da.Source ? Da : source == Court.Source ? Court : Event;

}

/// <summary>Value sets shared by both county exports.</summary>
public static class CountyColumns
{
    public static readonly IReadOnlyList<string> DateColumns = ["filing_date", "date_of_birth", "arrest_date", "disposition_date"];
    public static readonly IReadOnlyList<string> EventKinds = ["arrest", "charge", "disposition", "sentence", "registration", "death"];
    public static readonly IReadOnlyList<string> Levels = ["F", "M", "I"];
    public static readonly IReadOnlyList<string> Dispositions = ["CONVICTED", "DISMISSED", "ACQUITTED", "DIVERTED", "PENDING"];
}
