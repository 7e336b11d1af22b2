namespace Expunge.Doj;

/// <summary>The 95 columns of the extract, by 0-based index (doj-extract.md, "Columns").</summary>
public static class DojColumns
{
    public const int Count = 95;

    public const int RecordId = 0;
    public const int SubjectId = 2;
    public const int RequestedDob = 7;
    public const int CiiNumber = 11;
    public const int PrimaryName = 12;
    public const int Gender = 13;
    public const int PrimaryDob = 14;
    public const int PrimaryCdl = 16;
    public const int FbiNumber = 19;
    public const int CycleDate = 37;
    public const int StepEventDate = 40;
    public const int StepTypeDescription = 42;
    public const int StepAgencyCountyName = 48;
    public const int CountOrder = 50;
    public const int DispositionDate = 51;
    public const int Ofn = 52;
    public const int OffenseDescription = 54;
    public const int OffenseToc = 55;
    public const int FeNumBooking = 72;
    public const int FeNumCourtCase = 76;
    public const int DispositionDescription = 80;
    public const int ConvictionStatusDescription = 82;
    public const int SentenceLength = 87;
    public const int SentenceTimeCode = 88;
    public const int CommentText = 93;

    /// <summary>Columns holding <c>YYYYMMDD</c> dates.</summary>
    public static readonly IReadOnlyList<int> DateColumns = [RequestedDob, PrimaryDob, CycleDate, StepEventDate, DispositionDate];

    /// <summary>The dates a decision or a link uses (date of birth, conviction date): one that cannot be read is an
    /// unknown date and a warning on its line, never a reason to reject the row. The others (REQ_DOB, CYC_DATE,
    /// DISP_DATE) are informational and kept as written.</summary>
    public static readonly IReadOnlyList<int> DecisionDateColumns = [PrimaryDob, StepEventDate];

    /// <summary>The numbers DOJ attaches to an event (FE_NUM_BNCH_WARR … FE_NUM_WARRANT, without FE_NUM_ORDER and the
    /// arresting agency's code): booking, citation, docket, court case. They tie a DOJ cycle to a court or arrest record
    /// when the OFN does not (court-records.md).</summary>
    public static readonly IReadOnlyList<int> EventNumberColumns = [68, 69, 70, 71, FeNumBooking, 73, 74, 75, FeNumCourtCase, 77];

    public static readonly IReadOnlyList<string> Names =
    [
        "RECORD_ID", "SUBJECT_STATUS", "SUBJECT_ID", "REQ_SEG_SEP", "REQ_CII_NUMBER", "REQ_NAME", "REQ_GENDER", "REQ_DOB",
        "REQ_CDL", "REQ_SSN", "PII_SEG_SEP", "CII_NUMBER", "PRI_NAME", "GENDER", "PRI_DOB", "PRI_SSN", "PRI_CDL", "PRI_IDN",
        "PRI_INN", "FBI_NUMBER", "PDR_SEG_SEP", "RACE_CODE", "RACE_DESCR", "EYE_COLOR_CODE", "EYE_COLOR_DESCR",
        "HAIR_COLOR_CODE", "HAIR_COLOR_DESCR", "HEIGHT", "WEIGHT", "SINGLE_SOURCE", "MULTI_SOURCE", "POB_CODE", "POB_NAME",
        "POB_TYPE", "CITIZENSHIP_LIST", "CYC_SEG_SEP", "CYC_ORDER", "CYC_DATE", "STP_SEG_SEP", "STP_ORDER",
        "STP_EVENT_DATE", "STP_TYPE_CODE", "STP_TYPE_DESCR", "STP_ORI_TYPE", "STP_ORI_TYPE_DESCR", "STP_ORI_CODE",
        "STP_ORI_DESCR", "STP_ORI_CNTY_CODE", "STP_ORI_CNTY_NAME", "CNT_SEG_SEP", "CNT_ORDER", "DISP_DATE", "OFN",
        "OFFENSE_CODE", "OFFENSE_DESCR", "OFFENSE_TOC", "OFFENSE_QUAL_LST", "DISP_OFFENSE_CODE", "DISP_OFFENSE_DESCR",
        "DISP_OFFENSE_TOC", "DISP_OFFENSE_QUAL_LST", "CONV_OFFENSE_ORDER", "CONV_OFFENSE_CODE", "CONV_OFFENSE_DESCR",
        "CONV_OFFENSE_TOC", "CONV_OFFENSE_QUAL_LST", "FE_NUM_ORDER", "FE_NUM_ARR_AGY", "FE_NUM_BNCH_WARR", "FE_NUM_CITE",
        "FE_NUM_DOCKET", "FE_NUM_INCIDENT", "FE_NUM_BOOKING", "FE_NUM_NUMBER", "FE_NUM_REMAND", "FE_NUM_OOS_INN",
        "FE_NUM_CRT_CASE", "FE_NUM_WARRANT", "DISP_ORDER", "DISP_CODE", "DISP_DESCR", "CONV_STAT_CODE", "CONV_STAT_DESCR",
        "SENT_SEG_SEP", "SENT_ORDER", "SENT_LOC_CODE", "SENT_LOC_DESCR", "SENT_LENGTH", "SENT_TIME_CODE",
        "SENT_TIME_DESCR", "CYC_AGE", "CII_TYPE", "CII_TYPE_ALPHA", "COMMENT_TEXT", "END_OF_REC",
    ];
}
