using System.Globalization;
using Expunge.Motions.Domain;

namespace Expunge.Motions.Documents;

/// <summary>
/// The words of the bulk motion and the proposed order. The motion is the prosecuting agency's: it asks the court,
/// under H&amp;S 11361.8 and 11361.9, to grant the relief stated for every conviction in Exhibit A. The order is the
/// court's, for the judge to sign: it grants that relief, directs the clerk to update the court's records and to
/// notify the Department of Justice with each CII number and court docket number (Penal Code 13151).
/// </summary>
public static class PleadingPapers
{
    private static readonly TextInfo Words = CultureInfo.InvariantCulture.TextInfo;

    public static byte[] Motion(PackagePlan plan, IReadOnlyList<FilingRow> exhibit, PackageHeading heading)
    {
        var agency = Words.ToTitleCase(plan.ProsecutingAgency.ToLowerInvariant());
        var count = exhibit.Count.ToString("N0", CultureInfo.InvariantCulture);
        var paper = Caption(new PleadingPdf($"Motion under H&S §§ 11361.8, 11361.9 · package {heading.Reference}"), plan, heading, exhibit.Count)
            .Paragraph("MOTION TO DISMISS AND SEAL, OR TO REDESIGNATE, CANNABIS CONVICTIONS", bold: true, centered: true, indent: 0, spaceAfter: 0)
            .Paragraph("(Health and Safety Code sections 11361.8 and 11361.9)", centered: true, indent: 0, spaceAfter: 14)
            .Paragraph("TO THE COURT:", indent: 0)
            .Paragraph($"1. The {agency} moves the Court, under Health and Safety Code sections 11361.8 and 11361.9, for an order granting " +
                       $"the relief stated in Exhibit A for each of the {count} convictions listed there:")
            .Pairs(FilingDocuments.ReliefCounts(exhibit).Select(c => (c.Relief, c.Count.ToString("N0", CultureInfo.InvariantCulture))))
            .Paragraph("2. Proposition 64, the Control, Regulate and Tax Adult Use of Marijuana Act (2016), made lawful, or punished less, " +
                       "conduct that Health and Safety Code sections 11357 through 11360 had made crimes, and enacted section 11361.8, under " +
                       "which a conviction of those sections may be dismissed and sealed because the conduct is now legal, or redesignated " +
                       "as a lesser offense. Assembly Bill 1793 (Stats. 2018, ch. 993) enacted section 11361.9: the Department of Justice " +
                       "identifies the convictions that may be eligible, the prosecution reviews them and may challenge the relief for any " +
                       "of them, and the Court orders relief for those the prosecution does not challenge.")
            .Paragraph($"3. The {agency} has reviewed each conviction listed in Exhibit A, found in the records of the Department of " +
                       "Justice and in the Court's own case records, and does not challenge the relief stated for it. For each conviction " +
                       "the exhibit gives the case number and count, the defendant's name and any other names on record, the date of birth " +
                       "and CII number, the code section and level, the date of conviction, the relief asked for, its legal basis, and a " +
                       "row identifier by which the Court may accept or reject that conviction alone.")
            .Paragraph("4. Convictions that need further review, that are not eligible, or that are for the city attorneys to review are " +
                       "not listed in Exhibit A and are not the subject of this motion.")
            .Paragraph($"5. The {agency} therefore asks the Court to grant the relief stated in Exhibit A for each conviction listed there, " +
                       "to direct the clerk to update the Court's records accordingly, and to direct that the Department of Justice be " +
                       "notified of each disposition as Penal Code section 13151 requires.")
            .Paragraph($"Dated: {heading.Date.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture)}", indent: 0)
            .Paragraph("Respectfully submitted,", indent: 0, spaceAfter: 0)
            .Line(plan.ProsecutingAgency)
            .Signature("By:", "Deputy, for the prosecuting agency");
        return paper.Render($"Motion to dismiss and seal or redesignate cannabis convictions — package {heading.Reference}");
    }

    public static byte[] ProposedOrder(PackagePlan plan, IReadOnlyList<FilingRow> exhibit, PackageHeading heading)
    {
        var agency = Words.ToTitleCase(plan.ProsecutingAgency.ToLowerInvariant());
        var count = exhibit.Count.ToString("N0", CultureInfo.InvariantCulture);
        var paper = Caption(new PleadingPdf($"[Proposed] order under H&S §§ 11361.8, 11361.9 · package {heading.Reference}"), plan, heading, exhibit.Count)
            .Paragraph("[PROPOSED] ORDER DISMISSING AND SEALING, OR REDESIGNATING, CANNABIS CONVICTIONS", bold: true, centered: true, indent: 0, spaceAfter: 0)
            .Paragraph("(Health and Safety Code sections 11361.8 and 11361.9)", centered: true, indent: 0, spaceAfter: 14)
            .Paragraph($"The Court has read the motion of the {agency} under Health and Safety Code sections 11361.8 and 11361.9 and its " +
                       $"Exhibit A, which lists {count} convictions (package {heading.Reference}). Good cause appearing, IT IS ORDERED:")
            .Paragraph("1. Each conviction listed in Exhibit A is granted the relief stated for it in the exhibit's Relief column. A " +
                       "conviction marked \"Dismiss and seal\" is dismissed and the record of it sealed; one marked \"Reduce to " +
                       "misdemeanor\" or \"Reduce to infraction\" is redesignated as that offense; for one marked \"Recall and resentence\" " +
                       "the sentence is recalled and the person resentenced according to the relief the law grants.")
            .Paragraph("2. The clerk shall update the Court's records of each case and count listed in Exhibit A to show the relief granted.")
            .Paragraph("3. The clerk shall notify the Department of Justice of the disposition of each conviction listed in Exhibit A, " +
                       "giving the person's CII number and the court docket number (case number and count), as Penal Code section 13151 " +
                       "requires, so that the state summary criminal history information is corrected.")
            .Paragraph("4. A conviction the Court strikes from Exhibit A, identified by its row identifier, is not affected by this order.")
            .Paragraph("Dated: ____________________", indent: 0)
            .Signature("", "Judge of the Superior Court");
        return paper.Render($"[Proposed] order — package {heading.Reference}");
    }

    /// <summary>The filer, the court and the matter, as a California pleading opens.</summary>
    private static PleadingPdf Caption(PleadingPdf paper, PackagePlan plan, PackageHeading heading, int convictions) => paper
        .Line(plan.ProsecutingAgency)
        .Line($"County of {Words.ToTitleCase(heading.County.ToLowerInvariant())}, California")
        .Line("Attorney for the People")
        .Gap(24)
        .Paragraph(plan.Court, bold: true, centered: true, indent: 0, spaceAfter: 18)
        .Line("THE PEOPLE OF THE STATE OF CALIFORNIA")
        .Paragraph($"In re {convictions.ToString("N0", CultureInfo.InvariantCulture)} convictions eligible for relief under Health and " +
                   "Safety Code section 11361.9, listed in Exhibit A", indent: 0, spaceAfter: 0)
        .Paragraph($"Filing package {heading.Reference} (id {heading.PackageId})", size: 10, indent: 0, spaceAfter: 18);
}
