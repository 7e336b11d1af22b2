using Expunge.Doj;

namespace Expunge.EligibilityRules.Tests;

public sealed class ChargeParserTests
{
    [Theory]
    [InlineData("11357 HS", "HS", "11357", "", false)]
    [InlineData("11357(A) HS", "HS", "11357", "(a)", false)]
    [InlineData("11357(C)HS", "HS", "11357", "(c)", false)]
    [InlineData("11359HS", "HS", "11359", "", false)]
    [InlineData("11357A HS", "HS", "11357", "(a)", false)]
    [InlineData("11357B2 HS", "HS", "11357", "(b)(2)", false)]
    [InlineData("11360A2 HS", "HS", "11360", "(a)(2)", false)]
    [InlineData("11360(A)(2) HS", "HS", "11360", "(a)(2)", false)]
    [InlineData("664/11357(C) HS", "HS", "11357", "(c)", true)]
    [InlineData("664-11357(C) HS", "HS", "11357", "(c)", true)]
    [InlineData("664.11357(C) HS", "HS", "11357", "(c)", true)]
    [InlineData("66411357(A) HS", "HS", "11357", "(a)", true)]
    [InlineData("187 PC", "PC", "187", "", false)]
    [InlineData("187(A) PC", "PC", "187", "(a)", false)]
    [InlineData("186.22(B)(4) PC", "PC", "186.22", "(b)(4)", false)]
    [InlineData("4060 BP", "BP", "4060", "", false)]
    [InlineData("23152(A) VC", "VC", "23152", "(a)", false)]
    [InlineData("288A PC", "PC", "288a", "", false)]
    [InlineData("653F PC", "PC", "653f", "", false)]
    [InlineData("653(F) PC", "PC", "653", "(f)", false)]
    [InlineData("273AB PC", "PC", "273ab", "", false)]
    [InlineData("11357 PC", "PC", "11357", "", false)]
    [InlineData("11357", "HS", "11357", "", false)]
    public void Every_written_form_normalises_to_code_section_subsections_and_attempt(string text, string code, string section, string subsections, bool attempt)
    {
        var offense = Assert.Single(ChargeParser.Parse(text).Offenses);

        Assert.Equal((code, section, subsections, attempt), (offense.Code, offense.Section, offense.SubsectionText, offense.Attempt));
    }

    [Theory]
    [InlineData("11357 HS-POSSESS MARIJUANA", true)]
    [InlineData("664/11359 HS-ATTEMPT", true)]
    [InlineData("11357 PC-SOMETHING", false)]
    [InlineData("113570 HS-NOT CANNABIS", false)]
    [InlineData("11357.5 HS-SYNTHETIC CANNABINOIDS", false)]
    [InlineData("11350 HS-POSSESS NARCOTIC", false)]
    public void Only_HS_11357_to_11360_on_token_boundaries_are_Prop_64(string text, bool prop64) =>
        Assert.Equal(prop64, ChargeParser.Parse(text).Offenses.Any(o => o.IsProp64));

    [Fact]
    public void Code_section_is_the_text_up_to_and_including_the_first_code_and_the_rest_is_the_description()
    {
        var charge = ChargeParser.Parse("11360(A) HS-TRANSPORT/SELL MARIJUANA");

        Assert.Equal("11360(A) HS", charge.CodeSection);
        Assert.Equal("TRANSPORT/SELL MARIJUANA", charge.Description);
    }

    [Fact]
    public void Without_a_code_the_section_is_the_text_before_the_first_dash()
    {
        var charge = ChargeParser.Parse("11359-POSSESS FOR SALE");

        Assert.Equal("11359", charge.CodeSection);
        Assert.Equal("POSSESS FOR SALE", charge.Description);
        Assert.True(Assert.Single(charge.Offenses).IsProp64);
    }

    [Theory]
    [InlineData("", "11360(A) HS-TRANSPORT")]
    [InlineData("SEE COMMENT FOR CHARGE", "11360(A) HS-TRANSPORT")]
    public void A_blank_or_see_comment_description_is_read_from_the_comment(string description, string comment)
    {
        var offense = Assert.Single(ChargeParser.FromRow(description, comment).Offenses);

        Assert.Equal(("11360", "(a)"), (offense.Section, offense.SubsectionText));
    }

    [Theory]
    [InlineData("246/186.22(B)(4) PC", "246", "186.22")]
    [InlineData("186.22(B)(4)-136.1 PC", "186.22", "136.1")]
    public void Two_offenses_can_share_one_code_string(string text, string first, string second)
    {
        var offenses = ChargeParser.Parse(text).Offenses;

        Assert.Equal([first, second], offenses.Select(o => o.Section));
        Assert.All(offenses, o => Assert.Equal("PC", o.Code));
    }
}
