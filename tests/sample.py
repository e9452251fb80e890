"""The sample data set's cases by name (server/sample_data/README.md describes each), so that
a test says which student it uses and why instead of a SUID literal."""

from datetime import UTC, datetime

# 2026-11-28 noon in Arizona: enrollment FY2027; the sample calendar makes FY2026 the
# participant fiscal year (FY2027's preliminary records come on 2027-01-15).
SAMPLE_NOW = datetime(2026, 11, 28, 19, 0, tzinfo=UTC)
PARTICIPANT_YEAR = 2026

# LEAs and their schools.
MESA, TUCSON, DESERT_SKY, EVIT = 4235, 4406, 90871, 88301
RED_MOUNTAIN, MOUNTAIN_VIEW, WESTWOOD = 79012, 79013, 79014  # Mesa
TUCSON_HIGH, DESERT_SKY_ACADEMY, EVIT_MAIN = 6432, 91001, 88310

# Programs and their courses (C1 Culinary Arts I ... RI Automation and Robotics Internship).
CULINARY, NURSING, ROBOTICS = "12.0500", "51.3900", "15.0400"
C1, C2, C3, CI = "12050010", "12050020", "12050030", "12050090"
N1, N2, N3, NI, NC = "51390010", "51390020", "51390030", "51390090", "51390095"
R1, R2, R3, RI = "15040010", "15040020", "15040030", "15040090"

# Students: who they are in the sample data (records: school, program, credits -> flags).
# Ana Ruiz: participant only (FY2025 and FY2026 records).
ANA = "1002345678"
# Mateo Valenzuela: non-participant at 0.5; inserting 0.5 makes participant.
MATEO = "1002345701"
# Kayla Begay: completer (both required courses), FY2025 and FY2026 records.
KAYLA = "1002345719"
# Ethan Whitaker: 1.0 STANDARD + 1.0 INTERNSHIP: participant, NOT concentrator.
ETHAN = "1002345727"
# Sofia Castillo: participant one course short of concentrator (C2 at 0.5).
SOFIA = "1002345735"
# Jaylen Brooks: two programs at one school in FY2026 (Culinary participant, Robotics completer).
JAYLEN = "1002345743"
# Isabella Nez: non-participant at 0.75; inserting 0.25 lifts to exactly 1.00.
ISABELLA = "1002345750"
# Diego Montoya: RETIRED SUID of 1002399120: FY2025 record at Tucson High only.
DIEGO_RETIRED = "1002345768"
# Diego Montoya: replacement SUID of retired 1002345768; inserting C1 1.0 makes
# concentrator/completer.
DIEGO = "1002399120"
# Olivia Tsosie: concentrator via optional course (R1 + R3), not completer.
OLIVIA = "1002345776"
# Noah Kim: non-participant (0.25 + 0.25).
NOAH = "1002345784"
# Gabriel Ortiz: one course short of concentrator AND graduated 2026-05-28: approving 0.5 in C2
# puts him on placement survey list.
GABRIEL = "1002345792"
# Emily Nguyen: concentrator graduated 2026-05-28: already placement survey eligible.
EMILY = "1002345800"
# Camila Herrera: participant only (Nursing).
CAMILA = "1002346014"
# Tyler Yazzie: concentrator not completer (N3 missing), FY2025 and FY2026 records.
TYLER = "1002346022"
# Maya Patel: completer (all three required), FY2025 and FY2026 records.
MAYA = "1002346030"
# Lucas Romero: 1.0 STANDARD + 1.0 COOPERATIVE_EDUCATION: participant, NOT concentrator.
LUCAS = "1002346048"
# Hannah Sorensen: non-participant at 0.5; inserting 0.5 makes participant.
HANNAH = "1002346055"
# Adrian Lopez: concentrator 0.5 short of completer (N3 at 0.5).
ADRIAN = "1002346063"
# Aaliyah Jim: RETIRED SUID of 1002399138: FY2026 record at the same school.
AALIYAH_RETIRED = "1002346071"
# Aaliyah Jim: replacement SUID of retired 1002346071; inserting the retired 0.5 makes
# participant.
AALIYAH = "1002399138"
# Jacob Chee: concentrator via optional course (C1 + C3), not completer.
JACOB = "1002346089"
# Valeria Soto: non-participant at 0.7: inserting 0.2 then 0.1 must reach exactly 1.0 (float
# trap).
VALERIA = "1002346097"
# Liam Gallagher: concentrator/completer with quarter credits (1.25 + 1.00, C3 0.75).
LIAM = "1002346105"
# Zoe Martinez: participant, C2 at 0.75: inserting 0.25 makes exactly 1.00 -> concentrator +
# completer.
ZOE = "1002346113"
# Jasmine Begaye: FY2026 records at two schools in two LEAs (Mountain View + EVIT), same program.
JASMINE = "1002346121"
# Carlos Duran: participant only, FY2025 and FY2026 records.
CARLOS = "1002346501"
# Brianna Thompson: non-participant at 0.5; inserting 0.5 makes participant.
BRIANNA = "1002346519"
# Elijah Benally: completer (R1 + R2), FY2025 and FY2026 records.
ELIJAH = "1002346527"
# Mia Acosta: 1.0 STANDARD + 1.0 INTERNSHIP (Robotics): participant, NOT concentrator.
MIA = "1002346535"
# Andrew Chavez: no FY2026 record at Westwood (FY2025 only there) but FY2026 record at EVIT.
ANDREW = "1002346543"
# Natalie Reyes: graduated 2025-05-30 (before FY2026) but has FY2026 record: STUDENT_EXITED;
# FY2025 concentrator.
NATALIE = "1002346550"
# Santiago Morales: participant only, FY2025 and FY2026 records.
SANTIAGO = "1002347011"
# Isabel Flores: non-participant at 0.5; inserting 0.5 makes participant.
ISABEL = "1002347029"
# Daniel Yellowhair: concentrator not completer (Nursing).
DANIEL = "1002347037"
# Ximena Gutierrez: completer graduated 2026-05-28: placement survey eligible.
XIMENA = "1002347045"
# Marcus Johnson: dropped out 2025-05-30 (before FY2026) but has FY2026 record: STUDENT_EXITED.
MARCUS = "1002347052"
# Leah Goldberg: non-participant (0.5 + 0.5 in two courses).
LEAH = "1002347060"
# Angel Ramirez: dropped out 2026-02-13 (within FY2026), one short of concentrator: approving 0.5
# in N2 -> placement survey.
ANGEL = "1002347078"
# Joshua Manuelito: boundary: dropped out 2025-06-30 (last day of FY2025): STUDENT_EXITED.
JOSHUA = "1002347086"
# Renata Salazar: boundary: left 2025-07-01 (first day of FY2026, OTHER): allowed; approving 0.5
# in C2 -> placement survey.
RENATA = "1002347094"
# Aiden Walker: participant only (Robotics).
AIDEN = "1002347508"
# Luna Espinoza: non-participant at 0.5; inserting 0.5 makes participant.
LUNA = "1002347516"
# Owen Hoskie: completer with optional course too, FY2025 and FY2026 records.
OWEN = "1002347524"
# Abigail Wright: non-participant at 0.25 (needs 0.75).
ABIGAIL = "1002347532"
# Kevin Tran: concentrator graduated 2026-08-14 (FY2027): not on the FY2026 list; on the FY2027
# list by his FY2026 record (his latest up to FY2027: a summer graduate).
KEVIN = "1002347540"
# Daniela Vega: participant, FY2025 record at Desert Sky and FY2026 record at Desert Sky.
DANIELA = "1002347557"
# Ryan O'Connor: completer with internship (Culinary).
RYAN = "1002348019"
# Samantha Cruz: 1.0 STANDARD + 1.0 COOPERATIVE_EDUCATION: participant, NOT concentrator.
SAMANTHA = "1002348027"
# Gavin Harjo: non-participant (0.5 + 0.5): two 0.5 inserts needed for concentrator.
GAVIN = "1002348035"
# Elena Vasquez: two programs at one school in FY2026 (Culinary participant, Nursing
# concentrator).
ELENA = "1002348043"
# Christopher Lee: FY2025 record only, no FY2026 record anywhere: NO_PARTICIPANT_RECORD.
CHRISTOPHER = "1002348050"
# Priya Shah: no P/C records at all (RETIRED_SUID_HAS_NO_RECORD when given as retiredSuid).
PRIYA = "1002348068"
# Marisol Ochoa: participant only (Nursing, 1.5 credits), graduated 2026-05-28: not concentrator,
# not placement eligible.
MARISOL = "1002348076"
# Tristan Kee: participant with Robotics internship only at 1.0 (participant via INTERNSHIP).
TRISTAN = "1002348084"
# Hiro Tanaka: two standard courses at 1.0, but the seminar does not count toward concentrator:
# participant only.
HIRO = "1002349017"
# Amara Okafor: the internship counts (per the list): concentrator, not completer (CS2 missing).
AMARA = "1002349025"
# Wyatt Begay: program off the Approved Program list: the record shows it, a submission is
# PROGRAM_NOT_APPROVED.
WYATT = "1002349033"
# Lena Fischer: RETIRED SUID of 1002349058, but in another program (Computer Science).
LENA_RETIRED = "1002349041"
# Lena Fischer: a Robotics request with retired SUID 1002349041 is RETIRED_SUID_HAS_NO_RECORD (no
# Robotics record under it).
LENA = "1002349058"
