//! Province-level divisions of GB/T 2260 (the first two digits of a division code).

use super::Label;

/// A province-level division: two-digit code and name.
pub type Province = Label;

/// GB/T 2260 province-level divisions, sorted by code. 71, 81 and 82 are listed by the
/// standard (Taiwan, Hong Kong, Macau); residence permits use the codes 810000, 820000 and
/// 830000, the last of which is not a GB/T 2260 code, see [`permit_region`].
const PROVINCES: [Province; 34] = [
    Label {
        code: "11",
        name: "北京市",
    },
    Label {
        code: "12",
        name: "天津市",
    },
    Label {
        code: "13",
        name: "河北省",
    },
    Label {
        code: "14",
        name: "山西省",
    },
    Label {
        code: "15",
        name: "内蒙古自治区",
    },
    Label {
        code: "21",
        name: "辽宁省",
    },
    Label {
        code: "22",
        name: "吉林省",
    },
    Label {
        code: "23",
        name: "黑龙江省",
    },
    Label {
        code: "31",
        name: "上海市",
    },
    Label {
        code: "32",
        name: "江苏省",
    },
    Label {
        code: "33",
        name: "浙江省",
    },
    Label {
        code: "34",
        name: "安徽省",
    },
    Label {
        code: "35",
        name: "福建省",
    },
    Label {
        code: "36",
        name: "江西省",
    },
    Label {
        code: "37",
        name: "山东省",
    },
    Label {
        code: "41",
        name: "河南省",
    },
    Label {
        code: "42",
        name: "湖北省",
    },
    Label {
        code: "43",
        name: "湖南省",
    },
    Label {
        code: "44",
        name: "广东省",
    },
    Label {
        code: "45",
        name: "广西壮族自治区",
    },
    Label {
        code: "46",
        name: "海南省",
    },
    Label {
        code: "50",
        name: "重庆市",
    },
    Label {
        code: "51",
        name: "四川省",
    },
    Label {
        code: "52",
        name: "贵州省",
    },
    Label {
        code: "53",
        name: "云南省",
    },
    Label {
        code: "54",
        name: "西藏自治区",
    },
    Label {
        code: "61",
        name: "陕西省",
    },
    Label {
        code: "62",
        name: "甘肃省",
    },
    Label {
        code: "63",
        name: "青海省",
    },
    Label {
        code: "64",
        name: "宁夏回族自治区",
    },
    Label {
        code: "65",
        name: "新疆维吾尔自治区",
    },
    Label {
        code: "71",
        name: "台湾省",
    },
    Label {
        code: "81",
        name: "香港特别行政区",
    },
    Label {
        code: "82",
        name: "澳门特别行政区",
    },
];

/// The province-level division with this two-digit code, if GB/T 2260 has one.
///
/// ```
/// use doorstep::ids::province;
/// assert_eq!(province("35").map(|p| p.name), Some("福建省"));
/// assert!(province("99").is_none());
/// ```
pub fn province(code: &str) -> Option<Province> {
    // Every code in the table has two characters, so no other code can be found.
    match *code.as_bytes() {
        [a, b] => province_of([a, b]),
        _ => None,
    }
}

/// [`province`] of a code given as its two bytes: looked up by the two digits' value in a
/// table made while compiling. (Every resident ID and credit code a form checks looks its
/// province up; a binary search over the codes showed in profiles of form validation, its
/// branches mispredicted.)
pub(super) fn province_of(code: [u8; 2]) -> Option<Province> {
    let [tens, units] = code;
    if !tens.is_ascii_digit() || !units.is_ascii_digit() {
        return None;
    }
    let index = PROVINCE_AT
        .get(two_digits(tens, units))
        .copied()
        .flatten()?;
    PROVINCES.get(usize::from(index)).copied()
}

/// The value, `00`–`99`, of two ASCII digits.
const fn two_digits(tens: u8, units: u8) -> usize {
    (tens - b'0') as usize * 10 + (units - b'0') as usize
}

/// For each two-digit value `00`–`99`, the index in [`PROVINCES`] of the province with that
/// code, if there is one.
#[allow(clippy::indexing_slicing)] // worked out while compiling: out of range fails the build
#[allow(clippy::cast_possible_truncation)] // fewer than 256 provinces: asserted
const PROVINCE_AT: [Option<u8>; 100] = {
    assert!(PROVINCES.len() <= u8::MAX as usize);
    let mut at = [None; 100];
    let mut i = 0;
    while i < PROVINCES.len() {
        // Every code in the table has two digits (its test says so).
        let code = PROVINCES[i].code.as_bytes();
        at[two_digits(code[0], code[1])] = Some(i as u8);
        i += 1;
    }
    at
};

/// Whether a resident ID's first two digits name a province, as [`province_of`] finds
/// them, 81 and 82 left out (for those, only the permit codes 810000 / 820000 stand):
/// by the two digits' value, `00`–`99`. For the plain path of resident IDs.
#[allow(clippy::indexing_slicing)] // worked out while compiling: out of range fails the build
#[cfg(not(target_arch = "wasm32"))]
pub(super) const RESIDENT_PROVINCE: [bool; 100] = {
    let mut known = [false; 100];
    let mut n = 0;
    while n < 100 {
        known[n] = PROVINCE_AT[n].is_some() && n != 81 && n != 82;
        n += 1;
    }
    known
};

/// The region a residence permit's address code stands for (810000, 820000, 830000).
pub(super) fn permit_region(address: &[u8]) -> Option<Province> {
    match address {
        b"810000" => Some(Label {
            code: "81",
            name: "香港特别行政区",
        }),
        b"820000" => Some(Label {
            code: "82",
            name: "澳门特别行政区",
        }),
        b"830000" => Some(Label {
            code: "83",
            name: "台湾地区",
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resident_province_table_is_province_of() {
        for n in 0..100u8 {
            let code = [b'0' + n / 10, b'0' + n % 10];
            let expected = province_of(code).is_some() && n != 81 && n != 82;
            assert_eq!(RESIDENT_PROVINCE[usize::from(n)], expected, "{n:02}");
        }
    }

    /// Every two bytes find the province whose code they are, and nothing else: the
    /// table's codes are two digits each, and each is there once.
    #[test]
    fn province_of_finds_each_code_and_nothing_else() {
        assert!(PROVINCES.windows(2).all(|w| w[0].code < w[1].code));
        assert!(
            PROVINCES
                .iter()
                .all(|p| p.code.len() == 2 && p.code.bytes().all(|b| b.is_ascii_digit()))
        );
        for a in 0..=u8::MAX {
            for b in 0..=u8::MAX {
                let listed = PROVINCES.iter().find(|p| p.code.as_bytes() == [a, b]);
                assert_eq!(province_of([a, b]), listed.copied(), "{a} {b}");
            }
        }
    }
}
