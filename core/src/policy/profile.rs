//! The keys of a profile that policy rules may read (see the tables of the [module](super)).

/// The keys rules about people may read (besides `kind`, `$at` and `extra.*`).
pub const PERSON_FIELDS: [&str; 17] = [
    "residentId",
    "name",
    "birthDate",
    "sex",
    "household",
    "residence",
    "veteran",
    "unemployed",
    "unemployedSince",
    "unemploymentInsuranceMonths",
    "employed",
    "graduateYear",
    "education",
    "hardship",
    "incomePerCapita",
    "disabilityLevel",
    "disabilityCategory",
];

/// The keys rules about enterprises may read (besides `kind`, `$at` and `extra.*`).
pub const ENTERPRISE_FIELDS: [&str; 14] = [
    "creditCode",
    "name",
    "division",
    "size",
    "creditRating",
    "industry",
    "establishedDate",
    "insuredEmployees",
    "newHires",
    "newHireGraduates",
    "newHireHardship",
    "newHireVeterans",
    "arrears",
    "dishonest",
];

/// Keys every profile has or may have, whatever its subject: `kind`, the matching date
/// `$at`, and `extra` (a district's own attributes, not checked).
pub(super) const COMMON_FIELDS: [&str; 3] = ["kind", "$at", "extra"];
