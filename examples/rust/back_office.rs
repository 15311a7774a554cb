//! A back-office intake step: check the identifiers on an application before it is accepted,
//! and log only masked values.
//!
//! Run: `cargo run -p doorstep --example back_office`

use chrono::NaiveDate;
use doorstep::ids::{self, IdKind};
use doorstep::{Coded, Lang};

fn main() {
    // The host decides what "today" is; the core never reads the clock.
    let Some(today) = NaiveDate::from_ymd_opt(2024, 10, 15) else {
        return;
    };
    let application = [
        ("applicant", IdKind::ResidentId, "350205199003071239"),
        (
            "agent (grid worker)",
            IdKind::ResidentId,
            "110105194912310021",
        ),
        ("contact", IdKind::Mobile, "+86 139 1234 5678"),
        ("employer", IdKind::CreditCode, "91350100M000100Y43"),
        ("bank account", IdKind::BankCard, "6217 0012 3456 7890 122"),
    ];
    let mut accepted = true;
    for (field, kind, value) in application {
        match ids::check_as(kind, value, today) {
            Ok(facts) => {
                let age = facts.age.map(|a| format!(", age {a}")).unwrap_or_default();
                println!("ok    {field:<20} {}{age}", facts.masked);
            }
            Err(problems) => {
                accepted = false;
                for p in problems {
                    println!("error {field:<20} [{}] {}", p.code(), p.message(Lang::En));
                }
            }
        }
    }
    println!(
        "{}",
        if accepted {
            "accepted"
        } else {
            "returned for correction (补齐补正)"
        }
    );
}
