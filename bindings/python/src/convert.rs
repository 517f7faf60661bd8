//! Python objects to JSON values and back.
//!
//! Facts, data and events arrive as plain Python data (dicts, lists, strings, numbers,
//! booleans, `None`); anything else is refused with the JSON pointer of where it sits, never
//! silently turned into something else.

use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use serde_json::{Map, Number, Value};
use ztguard::{Error, Location};

/// How deeply Python data may nest. It bounds the recursion here (a list that contains itself
/// would otherwise never end) and is far beyond what any facts document needs.
pub(crate) const MAX_DEPTH: usize = 256;

/// Converts Python data to a JSON value. `what` names the argument in errors.
pub(crate) fn to_value(object: &Bound<'_, PyAny>, what: &str) -> Result<Value, Error> {
    let mut pointer = String::new();
    convert(object, what, &mut pointer, 0)
}

fn convert(
    object: &Bound<'_, PyAny>,
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
    let refuse = |pointer: &str, message: String| Error::Input {
        location: Box::new(Location::pointer(pointer)),
        message,
    };
    if object.is_none() {
        return Ok(Value::Null);
    }
    // `bool` is a subclass of `int`, so it is asked first.
    if let Ok(flag) = object.cast::<PyBool>() {
        return Ok(Value::Bool(flag.is_true()));
    }
    if object.is_instance_of::<PyInt>() {
        if let Ok(n) = object.extract::<i64>() {
            return Ok(Value::from(n));
        }
        if let Ok(n) = object.extract::<u64>() {
            return Ok(Value::from(n));
        }
        return Err(refuse(
            pointer,
            format!("{what} holds the integer `{object}`, which is out of the 64-bit range"),
        ));
    }
    if let Ok(float) = object.cast::<PyFloat>() {
        let value = float.value();
        return Number::from_f64(value).map(Value::Number).ok_or_else(|| {
            refuse(
                pointer,
                format!("{what} holds `{value}`, which JSON cannot represent"),
            )
        });
    }
    if let Ok(text) = object.cast::<PyString>() {
        let text = text.to_str().map_err(|e| {
            refuse(
                pointer,
                format!("{what} holds a string that is not UTF-8: {e}"),
            )
        })?;
        return Ok(Value::String(text.to_owned()));
    }
    if let Ok(dict) = object.cast::<PyDict>() {
        let mut map = Map::with_capacity(dict.len());
        for (key, item) in dict.iter() {
            let Ok(key) = key.cast::<PyString>().map(|k| k.to_string()) else {
                let kind = type_name(&key);
                return Err(refuse(
                    pointer,
                    format!("{what} has a key of type `{kind}`; JSON object keys are strings"),
                ));
            };
            let len = pointer.len();
            pointer.push('/');
            pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            let value = convert(&item, what, pointer, depth + 1)?;
            pointer.truncate(len);
            map.insert(key, value);
        }
        return Ok(Value::Object(map));
    }
    let items: Vec<Bound<'_, PyAny>> = if let Ok(list) = object.cast::<PyList>() {
        list.iter().collect()
    } else if let Ok(tuple) = object.cast::<PyTuple>() {
        tuple.iter().collect()
    } else {
        let kind = type_name(object);
        return Err(refuse(
            pointer,
            format!(
                "{what} holds a value of type `{kind}`; expected a dict, list, tuple, str, \
                 int, float, bool or None"
            ),
        ));
    };
    let mut values = Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        let len = pointer.len();
        pointer.push('/');
        pointer.push_str(&index.to_string());
        values.push(convert(item, what, pointer, depth + 1)?);
        pointer.truncate(len);
    }
    Ok(Value::Array(values))
}

fn type_name(object: &Bound<'_, PyAny>) -> String {
    object
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "unknown".to_owned())
}

/// Converts a JSON value to Python data: dicts (in the value's key order), lists, strings,
/// ints, floats, booleans and `None`.
pub(crate) fn to_python<'py>(py: Python<'py>, value: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match value {
        Value::Null => py.None().into_bound(py),
        Value::Bool(flag) => PyBool::new(py, *flag).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            (None, None) => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(items) => {
            let list = PyList::empty(py);
            for item in items {
                list.append(to_python(py, item)?)?;
            }
            list.into_any()
        }
        Value::Object(map) => {
            let dict = PyDict::new(py);
            for (key, item) in map {
                dict.set_item(key, to_python(py, item)?)?;
            }
            dict.into_any()
        }
    })
}

/// Serializes a value of the library (a report, a rule) and converts it to Python data.
pub(crate) fn serialize<'py, T: serde::Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let value = serde_json::to_value(value).map_err(|e| {
        crate::errors::to_py(
            py,
            &Error::Internal {
                message: format!("a result cannot be serialized: {e}"),
            },
        )
    })?;
    to_python(py, &value)
}
