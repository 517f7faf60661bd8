//! JavaScript values to JSON values.
//!
//! Facts and events arrive as plain JavaScript data: objects, arrays, strings, finite
//! numbers, booleans and `null`. A property whose value is `undefined` is left out, as
//! `JSON.stringify` leaves it out; anything else (functions, symbols, BigInts, dates, maps,
//! class instances) is refused with the JSON pointer of where it sits, never silently turned
//! into something else.

use napi::bindgen_prelude::{Array, Object, Unknown};
use napi::{JsValue, ValueType};
use serde_json::{Map, Number, Value};
use ztguard::{Error, Location};

/// How deeply data may nest. It bounds the recursion here (an object that contains itself
/// would otherwise never end) and is far beyond what any facts document needs.
pub(crate) const MAX_DEPTH: usize = 256;

/// The largest integer a JavaScript number holds exactly.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// Converts JavaScript data to a JSON value. `what` names the argument in errors.
pub(crate) fn to_value(value: &Unknown<'_>, what: &str) -> Result<Value, Error> {
    let mut pointer = String::new();
    convert(value, what, &mut pointer, 0)
}

fn refuse(pointer: &str, message: String) -> Error {
    Error::Input {
        location: Box::new(Location::pointer(pointer)),
        message,
    }
}

/// A failure of the N-API itself, which plain data never causes.
fn napi_failure(pointer: &str, error: &napi::Error) -> Error {
    refuse(pointer, format!("cannot be read: {}", error.reason))
}

#[expect(
    unsafe_code,
    reason = "each cast is to the type the value was just found to have"
)]
fn convert(
    value: &Unknown<'_>,
    what: &str,
    pointer: &mut String,
    depth: usize,
) -> Result<Value, Error> {
    if depth > MAX_DEPTH {
        return Err(Error::Limit {
            location: Box::new(Location::pointer(pointer.clone())),
            message: format!("{what} nests more than {MAX_DEPTH} levels deep"),
        });
    }
    let kind = value.get_type().map_err(|e| napi_failure(pointer, &e))?;
    // SAFETY (each `cast` below): the value's type was just checked to be the one cast to.
    match kind {
        ValueType::Null => Ok(Value::Null),
        ValueType::Boolean => {
            let flag: bool =
                unsafe { value.cast() }.map_err(|e: napi::Error| napi_failure(pointer, &e))?;
            Ok(Value::Bool(flag))
        }
        ValueType::Number => {
            let n: f64 =
                unsafe { value.cast() }.map_err(|e: napi::Error| napi_failure(pointer, &e))?;
            number(n, what, pointer)
        }
        ValueType::String => {
            let text: String =
                unsafe { value.cast() }.map_err(|e: napi::Error| napi_failure(pointer, &e))?;
            Ok(Value::String(text))
        }
        ValueType::Object => object(value, what, pointer, depth),
        other => {
            let name = match other {
                ValueType::Undefined => "undefined",
                ValueType::Function => "a function",
                ValueType::Symbol => "a symbol",
                ValueType::BigInt => "a BigInt",
                _ => "a value of another kind",
            };
            Err(refuse(
                pointer,
                format!(
                    "{what} holds {name}; expected an object, array, string, finite number, \
                     boolean or null"
                ),
            ))
        }
    }
}

fn number(n: f64, what: &str, pointer: &str) -> Result<Value, Error> {
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
        // Exact: the range check keeps the value within what an i64 holds.
        #[expect(
            clippy::cast_possible_truncation,
            reason = "checked to be a safe integer"
        )]
        return Ok(Value::from(n as i64));
    }
    Number::from_f64(n).map(Value::Number).ok_or_else(|| {
        refuse(
            pointer,
            format!("{what} holds `{n}`, which JSON cannot represent"),
        )
    })
}

#[expect(
    unsafe_code,
    reason = "each cast is to the type the value was just found to have"
)]
fn object(
    value: &Unknown<'_>,
    what: &str,
    pointer: &mut String,
    depth: usize,
) -> Result<Value, Error> {
    let fail = |pointer: &str, e: napi::Error| napi_failure(pointer, &e);
    if value.is_array().map_err(|e| fail(pointer, e))? {
        let array: Array<'_> = unsafe { value.cast() }.map_err(|e| fail(pointer, e))?;
        let mut items = Vec::with_capacity(array.len() as usize);
        for index in 0..array.len() {
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&index.to_string());
            let item: Option<Unknown<'_>> = array.get(index).map_err(|e| fail(pointer, e))?;
            let item = match item {
                Some(item) => convert(&item, what, pointer, depth + 1)?,
                // `JSON.stringify` writes holes and `undefined` in arrays as `null`.
                None => Value::Null,
            };
            pointer.truncate(len);
            items.push(item);
        }
        return Ok(Value::Array(items));
    }
    let object: Object<'_> = unsafe { value.cast() }.map_err(|e| fail(pointer, e))?;
    if let Some(kind) = non_plain_kind(value, &object).map_err(|e| fail(pointer, e))? {
        return Err(refuse(
            pointer,
            format!(
                "{what} holds {kind}; expected a plain object, array, string, number, boolean or null"
            ),
        ));
    }
    let keys = Object::keys(&object).map_err(|e| fail(pointer, e))?;
    let mut map = Map::with_capacity(keys.len());
    for key in keys {
        let len = pointer.len();
        pointer.push('/');
        pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
        let item: Option<Unknown<'_>> = object.get(&key).map_err(|e| fail(pointer, e))?;
        if let Some(item) = item {
            map.insert(key, convert(&item, what, pointer, depth + 1)?);
        }
        pointer.truncate(len);
    }
    Ok(Value::Object(map))
}

/// What an object is when it is not plain data: a date, a map, a class instance...
#[expect(
    unsafe_code,
    reason = "the cast is to the type the value was just found to have"
)]
fn non_plain_kind(value: &Unknown<'_>, object: &Object<'_>) -> napi::Result<Option<String>> {
    if value.is_date()? {
        return Ok(Some("a Date".to_owned()));
    }
    if value.is_typedarray()? || value.is_arraybuffer()? || value.is_buffer()? {
        return Ok(Some("binary data".to_owned()));
    }
    if value.is_promise()? {
        return Ok(Some("a Promise".to_owned()));
    }
    let constructor: Option<Unknown<'_>> = object.get("constructor")?;
    let Some(constructor) = constructor else {
        // `Object.create(null)`: plain.
        return Ok(None);
    };
    if constructor.get_type()? != ValueType::Function {
        return Ok(None);
    }
    let constructor: Object<'_> = unsafe { constructor.cast() }?;
    let name: Option<String> = constructor.get("name")?;
    Ok(match name.as_deref() {
        Some("Object") => None,
        Some(name) if !name.is_empty() => Some(format!("a `{name}`")),
        _ => Some("an instance of a class".to_owned()),
    })
}
