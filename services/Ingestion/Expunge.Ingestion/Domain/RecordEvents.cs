using Expunge.Contracts;
using Expunge.CountyRecords;
using Expunge.Doj;

namespace Expunge.Ingestion.Domain;

/// <summary>A county system's single record event, checked like a row of a court export and held in the event layout
/// (the court export's columns plus the event's kind), so the rest of the pipeline reads it like a court row.</summary>
public static class RecordEvents
{
    /// <summary>The checked row of an event, or the reason it was refused (naming the field).</summary>
    public static (SourceRow? Row, RowError? Error) Check(RecordEventSubmitted e)
    {
        if (string.IsNullOrWhiteSpace(e.Source) || FileKinds.All.Contains(e.Source.Trim()) || e.Source.Trim() == CountyLayout.Event.Source)
        {
            return (null, new RowError(1, "INVALID_SOURCE", $"source is '{e.Source}': name the county system (doj, court, da and event are reserved)", ""));
        }
        if (string.IsNullOrWhiteSpace(e.RecordId))
        {
            return (null, new RowError(1, "MISSING_FIELD", "recordId is blank; it is the event's idempotency key", ""));
        }
        var layout = CountyLayout.Event;
        var fields = new string[layout.Columns.Count];
        void Set(string column, string? value) => fields[layout.Index(column)] = value?.Trim() ?? "";
        Array.Fill(fields, "");
        Set("court_case_number", e.CourtCaseNumber);
        Set("count_number", e.CountNumber?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set("court_location", e.CourtLocation);
        Set("filing_date", e.FilingDate);
        Set("defendant_last_name", e.Person.Surname);
        Set("defendant_first_name", e.Person.GivenName);
        Set("defendant_middle_name", e.Person.MiddleName);
        Set("aka_names", e.Person.Aliases is { } aliases ? string.Join("; ", aliases) : null);
        Set("date_of_birth", e.Person.DateOfBirth);
        Set("sex", e.Person.Gender);
        Set("race", e.Race);
        Set("cii_number", e.Person.CiiNumber);
        Set("cdl_number", e.Person.DriverLicence);
        Set("booking_number", e.Person.BookingNumber);
        Set("arrest_date", e.ArrestDate);
        Set("charge_code", e.ChargeCode);
        Set("charge_description", e.ChargeDescription);
        Set("charge_level", e.ChargeLevel);
        Set("disposition", e.Disposition);
        Set("disposition_date", e.DispositionDate);
        Set("sentence", e.Sentence);
        Set("prosecuting_agency", e.ProsecutingAgency);
        Set("event_kind", e.Kind);
        var checkedRow = CountyExportReader.CheckFields(fields, 1, layout, "");
        if (checkedRow.Error is { } error) return (null, error);
        return (new SourceRow { File = $"event {e.Source.Trim()}/{e.RecordId.Trim()}", Line = 1, Fields = fields, RowId = e.RecordId.Trim() }, null);
    }
}
