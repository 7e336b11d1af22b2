using System.Text;
using Expunge.EligibilityRules;
using Expunge.Motions.Documents;
using Expunge.Motions.Domain;
using UglyToad.PdfPig;
using static Expunge.Motions.Tests.Rows;

namespace Expunge.Motions.Tests;

public class FilingDocumentsTests
{
    private static readonly PackageHeading Heading = new(new Guid("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"), 1, new DateOnly(2020, 7, 1), "LOS ANGELES");

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    [Fact]
    public void A_package_with_eligible_convictions_has_a_motion_an_order_and_exhibit_a_as_pdf_and_csv()
    {
        var plan = FilingPlan.Group([Row(1), Row(2), Row(3, Determinations.HandReview), Row(4, Determinations.NotEligible)]).Single();
        var names = FilingDocuments.Build(plan, Heading).Select(d => d.Name).ToList();
        Assert.Equal(["motion.pdf", "proposed-order.pdf", "exhibit-a.pdf", "exhibit-a.csv", "hand-review.pdf", "hand-review.csv", "not-eligible.pdf", "not-eligible.csv"], names);
    }

    [Fact]
    public void Every_exhibit_row_is_in_the_pdf_text_and_in_the_csv_with_the_same_row_id()
    {
        var rows = Enumerable.Range(1, 250).Select(n => Row(n)).ToList();
        var documents = FilingDocuments.Build(FilingPlan.Group(rows).Single(), Heading);
        var pdf = documents.Single(d => d.Name == "exhibit-a.pdf").Content;
        var csv = Encoding.UTF8.GetString(documents.Single(d => d.Name == "exhibit-a.csv").Content).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var text = Text(pdf);
        Assert.Equal(rows.Count, csv.Length - 1);
        Assert.All(rows, r => Assert.Contains(r.RowId, text, StringComparison.Ordinal));
        Assert.Equal(rows.Count, csv.Skip(1).Select(l => l.Split(',')[0]).Intersect(rows.Select(r => r.RowId)).Count());
        var pages = Pages(pdf);
        Assert.True(pages > 1, "250 rows take more than one page");
        Assert.Contains($"Page {pages} of {pages}", text, StringComparison.Ordinal);
        // The column headings repeat on every page.
        Assert.Equal(pages, text.Split("Legal basis").Length - 1);
    }

    [Fact]
    public void Names_outside_latin1_are_searchable_text_in_an_embedded_font()
    {
        var row = Row(1, name: "NGUYỄN,THỊ MINH", aliases: ["TRẦN, THỊ"]);
        var pdf = FilingDocuments.Build(FilingPlan.Group([row]).Single(), Heading).Single(d => d.Name == "exhibit-a.pdf").Content;
        var text = Text(pdf);
        Assert.Contains("NGUYỄN,THỊ", text, StringComparison.Ordinal);
        Assert.Contains("TRẦN,", text, StringComparison.Ordinal);
        Assert.Contains("/FontFile2", Encoding.Latin1.GetString(pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void The_motion_cites_the_statutes_and_counts_the_relief_asked_for()
    {
        var rows = Enumerable.Range(1, 3).Select(n => Row(n)).Append(Row(4, relief: Reliefs.ReduceToMisdemeanor)).ToList();
        var motion = Text(FilingDocuments.Build(FilingPlan.Group(rows).Single(), Heading).Single(d => d.Name == "motion.pdf").Content);
        Assert.Contains("11361.8", motion, StringComparison.Ordinal);
        Assert.Contains("11361.9", motion, StringComparison.Ordinal);
        Assert.Contains("each of the 4 convictions", motion, StringComparison.Ordinal);
        Assert.Matches(@"Dismiss and seal\s+3", motion);
        Assert.Matches(@"Reduce to misdemeanor\s+1", motion);
    }

    [Fact]
    public void The_proposed_order_directs_the_clerk_and_the_notice_to_the_department_of_justice()
    {
        var order = Text(FilingDocuments.Build(FilingPlan.Group([Row(1)]).Single(), Heading).Single(d => d.Name == "proposed-order.pdf").Content);
        Assert.Contains("IT IS ORDERED", order, StringComparison.Ordinal);
        Assert.Contains("clerk shall update", order, StringComparison.Ordinal);
        Assert.Contains("Penal Code section 13151", order, StringComparison.Ordinal);
        Assert.Contains("Judge of the Superior Court", order, StringComparison.Ordinal);
    }

    [Fact]
    public void An_eligible_conviction_without_a_court_case_number_is_listed_for_the_prosecutor_not_filed()
    {
        var unfindable = Row(2) with { Filing = Row(2).Filing with { CourtCaseNumber = "", CountNumber = "" } };
        var documents = FilingDocuments.Build(FilingPlan.Group([Row(1), unfindable]).Single(), Heading);
        var exhibit = Encoding.UTF8.GetString(documents.Single(d => d.Name == "exhibit-a.csv").Content);
        Assert.DoesNotContain(unfindable.RowId, exhibit, StringComparison.Ordinal);
        Assert.Contains(unfindable.RowId, Encoding.UTF8.GetString(documents.Single(d => d.Name == "needs-case-number.csv").Content), StringComparison.Ordinal);
        Assert.Contains("each of the 1 convictions", Text(documents.Single(d => d.Name == "motion.pdf").Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Convictions_are_grouped_by_court_and_prosecuting_agency()
    {
        var plans = FilingPlan.Group([Row(1), Row(2, Determinations.CityAttorneys, agency: CityAttorney), Row(3)]);
        Assert.Equal([(Court, CityAttorney, 1), (Court, DistrictAttorney, 2)], plans.Select(p => (p.Court, p.ProsecutingAgency, p.Rows.Count)));
        var cityAttorneys = FilingDocuments.Build(plans[0], Heading).Select(d => d.Name);
        Assert.Equal(["city-attorneys.pdf", "city-attorneys.csv"], cityAttorneys);
    }

    [Fact]
    public void A_row_id_is_the_same_for_the_same_conviction_and_differs_between_convictions()
    {
        Assert.Equal(FilingRowIds.Of("doj", "1000017", "001002001000"), FilingRowIds.Of("doj", "1000017", "001002001000"));
        var ids = Enumerable.Range(0, 100_000).Select(n => FilingRowIds.Of("court", $"BA{n}", "BA#1")).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids.Take(100), id => Assert.Matches("^R[0-9A-HJKMNP-TV-Z]{12}$", id));
    }
}
