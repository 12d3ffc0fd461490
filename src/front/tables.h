/*
 * tables.h — every lexicon table, declared once. A table is a top-level section of the
 * YAML lexicons (the files of voices/lexicons/, --lexicon files: see lexicon.c), and the
 * code names it NR_T_<section>, an identifier made from this list: a table misspelled in C
 * does not compile, and one misspelled in YAML is refused when the file loads
 * ("FILE:LINE:COL: unknown table 'monthz'"), instead of a rule left silently without words.
 *
 * To add a table: one X(section_name) line below, in the group of the lexicon file that
 * fills it, with what it holds; NR_T_section_name where the code reads it; its words in
 * that file. tests/tables.sh checks that each table here is read by the code and filled
 * by a shipped lexicon, and the unit tests load every shipped file.
 */
#ifndef NR_TABLES_H
#define NR_TABLES_H
#include <stddef.h>

#define NR_TABLES(X) \
    /* en.yaml: the core */ \
    X(abbreviations)            /* "Mr." -> mister; the key includes the final '.' */ \
    X(speech_verbs)             /* '"Where?" Holmes asked.': the sentence goes on after the quote */ \
    X(parties)                  /* party letters of "D-Calif." */ \
    X(words)                    /* whole-word respellings: "Huawei" -> wah way */ \
    X(as_words)                 /* capitals said as a word: NATO */ \
    X(sentence_starters)        /* words that typically start a sentence: "Co. The" ends one */ \
    X(boilerplate)              /* whole lines scrapers leave behind: "Source link" */ \
    /* en-numbers.yaml: money, years, counts, telephone numbers, letters, roman numerals */ \
    X(currencies)               /* "USD", "euro": names and plurals */ \
    X(currency_symbols)         /* "$", "US$", "€" */ \
    X(money_per_units)          /* "$15/hr": per hour */ \
    X(money_not_nouns)          /* "a $5 or $10 bill": no noun after the amount */ \
    X(money_determiners)        /* "the $50 fee": the amount describes the noun */ \
    X(scale_words)              /* "1.2 million", "5bn" */ \
    X(year_cues)                /* "in 1984": a year */ \
    X(year_cues_strong)         /* "since 1990": a year whatever follows */ \
    X(era_words)                /* "1066 AD" */ \
    X(count_cues)               /* "nearly 1500": a quantity */ \
    X(count_next)               /* "1500 of": a quantity */ \
    X(decade_prefixes)          /* "mid-1990s" */ \
    X(year3_cues)               /* "c. 742": a year of three digits */ \
    X(year3_verbs)              /* "fell in 476" */ \
    X(year3_preps)              /* the "in" of "fell in 476" */ \
    X(range_and_cues)           /* "between 1450-1500": and, not to */ \
    X(year_chain_words)         /* "from 1990 to 2000" */ \
    X(phone_cues)               /* "call 911": digit by digit */ \
    X(digit_numbers)            /* "911", "999": digit by digit beside the words below */ \
    X(digit_number_before)      /* "call 911" */ \
    X(digit_number_after)       /* "a 911 call" */ \
    X(hundreds_cues)            /* "the 4500 block": forty five hundred */ \
    X(case_number_cues)         /* "No. 22-451": a number, not a range */ \
    X(ratio_cues)               /* "a 1:10 dilution": a ratio */ \
    X(ratio_vetoes)             /* "at 2:45": a time */ \
    X(phone_extensions)         /* "ext. 12" */ \
    X(model_makers)             /* "Boeing 747": a model number */ \
    X(never_spelled)            /* "vote NO": capitals said as a word in lower case */ \
    X(spelled_acronyms)         /* "CIA" spelled even in a clause of capitals */ \
    X(capital_short_words)      /* "OK", "IT" in a clause of capitals: how to write them */ \
    X(title_case_cues)          /* "Once Upon A Time": the A is the article */ \
    X(syllable_onsets)          /* consonants that may start a syllable: OPEC is a word */ \
    X(syllable_codas)           /* consonants that may end one */ \
    X(syllable_digraphs)        /* pairs that spell one sound: CH, TH */ \
    X(roman_text_cues)          /* "Chapter X": ten, not the letter */ \
    X(roman_cues)               /* "World War II": a number */ \
    X(regnal_names)             /* "Henry VIII": the eighth */ \
    X(regnal_titles)            /* "King Tupou VI" */ \
    X(roman_ordinal_next)       /* "the XIX century": an ordinal */ \
    X(not_plurals)              /* "1990 was": no plural noun after the number */ \
    /* en-dates.yaml */ \
    X(months)                   /* "March", "Jan." */ \
    X(month_numbers)            /* 5 -> May, for numeric dates */ \
    X(weekdays)                 /* "Sat", "Monday" */ \
    X(date_cues)                /* "on 3/20": a date, not a fraction */ \
    X(date_idioms)              /* "9/11": said as listed */ \
    X(date_words)               /* the small words of a date reading */ \
    X(day_halves)               /* "a.m.", "p.m." */ \
    X(clock_words)              /* the small words of a clock reading: o'clock, oh */ \
    X(day_parts)                /* "12:00 noon" */ \
    X(time_zones)               /* "EST", "GMT" */ \
    /* en-units.yaml: measures, fractions, symbols */ \
    X(units)                    /* "kg" -> kilogram, kilograms */ \
    X(units_after_power)        /* "10^-19 C": coulombs */ \
    X(coordinate_marks)         /* the degree, minute and second of "40°26'46\"" */ \
    X(coordinate_points)        /* N, S, E, W after them */ \
    X(unit_context)             /* "5 in long": a unit */ \
    X(unit_context_before)      /* "5 ft 3 in": a unit */ \
    X(unit_per_words)           /* "5 km/day" */ \
    X(unit_square)              /* "500 sq ft" */ \
    X(unit_attributive_before)  /* "a 5 kg bag": singular */ \
    X(unit_determiners)         /* "the 128GB model": singular */ \
    X(unit_not_nouns)           /* "the 100m in 9.58 seconds": stays plural */ \
    X(measure_scales)           /* "100 million kg" */ \
    X(fractions)                /* denominators with words of their own: half, quarter */ \
    X(vulgar_fractions)         /* "½" */ \
    X(fraction_rating_words)    /* "4/5 stars": four out of five */ \
    X(fraction_rating_cues)     /* "rated it 4/5" */ \
    X(fraction_rating_denominators) /* the 5 of "4/5" that makes a score */ \
    X(fraction_over_after)      /* "130/80 mm Hg": one thirty over eighty */ \
    X(fraction_over_before)     /* "BP was 150/95" */ \
    X(fraction_idioms)          /* "24/7": said as listed */ \
    X(fraction_denominators)    /* "3/4": a fraction */ \
    X(fraction_date_cues)       /* "on 3/4": a date */ \
    X(symbols)                  /* "~5" about five, "25 x 7 m" by */ \
    X(range_ends)               /* "1989 – present": to the present */ \
    /* en-address.yaml */ \
    X(street_suffixes)          /* "Ave" -> avenue */ \
    X(street_name_prefixes)     /* "123 St Charles Ave": saint */ \
    X(street_directions)        /* "1211 E Arques Ave": east */ \
    X(address_units)            /* "Apt 4B" */ \
    X(us_states)                /* "CA" -> California */ \
    X(state_name_ends)          /* "Austin, Texas 78701": a ZIP code follows */ \
    /* en-electronic.yaml */ \
    X(electronic_symbols)       /* "." -> dot inside an address */ \
    X(electronic_tlds)          /* "com", "uk" -> dot U K */ \
    X(electronic_words)         /* "www", "jpg": said in a set way */

/* const char NR_T_months[] = "months", ...: what nr_lex_find and the other lookups take. */
#define NR_TABLE_DECLARE(name) extern const char NR_T_##name[];
NR_TABLES(NR_TABLE_DECLARE)
#undef NR_TABLE_DECLARE

/* The declared table of that section name (the NR_T_ string itself), or NULL. */
const char *nr_table_named(const char *name);
/* The declared table one or two letters away from a misspelled name ("monthz": months),
 * for the message that refuses it; NULL when none is that near. */
const char *nr_table_nearest(const char *name);
/* The declared tables in the order of the list; *n gets their count. */
const char *const *nr_tables(size_t *n);

#endif
